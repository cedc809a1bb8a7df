//! A small HTTP load generator for `benches/load.sh` where wrk is not installed: CONNECTIONS
//! keep-alive connections, each on its own thread, send `GET /search?q=Q` (rotating through
//! the queries) for SECONDS, then print requests/s, latency percentiles and errors in
//! wrk's words.
//!
//!   cargo run --release --example load -- ADDR SECONDS CONNECTIONS QUERY...
//!
//! Each connection waits for its answer before sending the next request, as wrk does.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!("usage: load ADDR SECONDS CONNECTIONS QUERY...");
        std::process::exit(2);
    }
    let addr = args[0].clone();
    let seconds: f64 = args[1].parse().expect("SECONDS is a number");
    let connections: usize = args[2].parse().expect("CONNECTIONS is a number");
    let queries: Vec<String> = args[3..].to_vec();
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|n| {
            let (addr, queries) = (addr.clone(), queries.clone());
            std::thread::spawn(move || run(&addr, &queries, n, deadline))
        })
        .collect();
    let mut latencies = Vec::new();
    let (mut errors, mut non_2xx) = (0usize, 0usize);
    for worker in workers {
        let (l, e, n) = worker.join().expect("a connection thread panicked");
        latencies.extend(l);
        errors += e;
        non_2xx += n;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let at = |p: f64| -> f64 {
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len().max(1));
        latencies
            .get(i - 1)
            .map_or(0.0, |d: &Duration| d.as_secs_f64() * 1e3)
    };
    println!(
        "  {} requests in {elapsed:.2}s, {connections} connections",
        latencies.len()
    );
    println!("Requests/sec: {:.2}", latencies.len() as f64 / elapsed);
    println!("     50%   {:.2}ms", at(0.50));
    println!("     90%   {:.2}ms", at(0.90));
    println!("     99%   {:.2}ms", at(0.99));
    if non_2xx > 0 {
        println!("  Non-2xx or 3xx responses: {non_2xx}");
    }
    if errors > 0 {
        println!("  Socket errors: {errors}");
    }
}

/// One connection's loop: its latencies, socket errors and non-2xx answers.
fn run(
    addr: &str,
    queries: &[String],
    offset: usize,
    deadline: Instant,
) -> (Vec<Duration>, usize, usize) {
    let (mut latencies, mut errors, mut non_2xx) = (Vec::new(), 0, 0);
    let mut i = offset;
    while Instant::now() < deadline {
        let Ok(stream) = TcpStream::connect(addr) else {
            errors += 1;
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let mut reader = BufReader::new(stream.try_clone().expect("clone a socket"));
        let mut writer = stream;
        while Instant::now() < deadline {
            let query = &queries[i % queries.len()];
            i += 1;
            let request =
                format!("GET /search?q={query} HTTP/1.1\r\nHost: {addr}\r\nAccept: */*\r\n\r\n");
            let sent = Instant::now();
            let answer = writer
                .write_all(request.as_bytes())
                .and_then(|()| read_response(&mut reader));
            match answer {
                Ok(status) => {
                    latencies.push(sent.elapsed());
                    if !(200..400).contains(&status) {
                        non_2xx += 1;
                    }
                }
                Err(_) => {
                    errors += 1;
                    break;
                }
            }
        }
    }
    (latencies, errors, non_2xx)
}

/// Reads one response (Content-Length or chunked body) and returns its status.
fn read_response(reader: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(bad("connection closed"));
    }
    let status: u16 = (line.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status"))?;
    let (mut length, mut chunked) = (0usize, false);
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(bad("connection closed in the headers"));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or((header, ""));
        if name.eq_ignore_ascii_case("content-length") {
            length = value.trim().parse().map_err(|_| bad("bad length"))?;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        }
    }
    if !chunked {
        std::io::copy(&mut reader.take(length as u64), &mut std::io::sink())?;
        return Ok(status);
    }
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let size = usize::from_str_radix(line.trim(), 16).map_err(|_| bad("bad chunk"))?;
        std::io::copy(&mut reader.take(size as u64 + 2), &mut std::io::sink())?;
        if size == 0 {
            return Ok(status);
        }
    }
}
