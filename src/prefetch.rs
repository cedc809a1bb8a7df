//! Fetching memory into the cache ahead of use.

/// Ask the CPU to start loading `value`'s cache line, for a lookup a little later.
///
/// During a build, tantivy's indexing tables push annals' own (stems, word counts) out of
/// the cache, so their lookups wait on memory unless the line is asked for in advance.
#[inline]
pub(crate) fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch only hints the cache: it reads nothing and cannot fault, whatever
    // the address, and SSE, which it needs, is part of every x86_64 CPU.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const T).cast(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
