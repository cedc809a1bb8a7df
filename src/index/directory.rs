//! The index folder as tantivy sees it: memory-mapped files, readable on a read-only file
//! system.

use std::io;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback,
    WatchHandle, WritePtr, META_LOCK,
};

/// tantivy's [`MmapDirectory`], except that a reader may open the index where it cannot
/// write.
///
/// tantivy's readers create a lock file (`.tantivy-meta.lock`) while they load a commit, so
/// that a writer's garbage collection does not delete the files being opened. Where that
/// file cannot be created (a read-only file system, a folder the user may not write), no
/// writer can be collecting garbage through this path either, so the reader goes ahead
/// without the lock. Every other lock, the writer's included, fails as before.
#[derive(Debug, Clone)]
pub(crate) struct IndexDirectory(MmapDirectory);

impl IndexDirectory {
    /// The index folder at `path`, which must exist.
    pub(crate) fn open(path: &Path) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory(MmapDirectory::open(path)?))
    }
}

/// Whether taking a lock failed because the folder cannot be written, rather than because
/// someone else holds it.
pub(crate) fn is_not_writable(error: &LockError) -> bool {
    matches!(error, LockError::IoError(e) if is_not_writable_io(e))
}

/// Whether an I/O error means the file system or folder refuses writes.
pub(crate) fn is_not_writable_io(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.0.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(e) if lock.filepath == META_LOCK.filepath && is_not_writable(&e) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            taken => taken,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_and_permission_errors_are_not_writable() {
        let ro = LockError::IoError(Arc::new(io::Error::from(io::ErrorKind::ReadOnlyFilesystem)));
        let denied = LockError::IoError(Arc::new(io::Error::from(io::ErrorKind::PermissionDenied)));
        let other = LockError::IoError(Arc::new(io::Error::from(io::ErrorKind::StorageFull)));
        assert!(is_not_writable(&ro));
        assert!(is_not_writable(&denied));
        assert!(!is_not_writable(&other));
        assert!(!is_not_writable(&LockError::LockBusy));
    }

    #[test]
    fn the_writer_lock_is_still_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let directory = IndexDirectory::open(dir.path()).unwrap();
        let writer: &Lock = &tantivy::directory::INDEX_WRITER_LOCK;
        let held = directory.acquire_lock(writer).unwrap();
        assert!(matches!(
            directory.acquire_lock(writer),
            Err(LockError::LockBusy)
        ));
        drop(held);
        assert!(directory.acquire_lock(writer).is_ok());
    }
}
