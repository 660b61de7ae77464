//! A raw TCP server for the tests that need answers no real HTTP server would give: canned bytes, silence,
//! a trickle, a cut connection, an endless body.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What the server does with each connection.
#[derive(Clone, Copy, Debug)]
pub enum Behaviour {
    /// Reads the request, sends half a status line, then ends the connection.
    ResetMidResponse,
    /// Reads the request and never answers.
    Silent,
    /// Answers one byte a second.
    Trickle,
    /// Anything else: this whole response, then close.
    Canned(&'static str),
    /// A 200 with a 100 MB body.
    Huge,
}

/// Serves `behaviour` on a free loopback port; returns its base URL and a count of connections.
pub fn serve(behaviour: Behaviour) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || answer(stream, behaviour));
        }
    });
    (url, count)
}

fn answer(mut stream: TcpStream, behaviour: Behaviour) {
    let mut request = [0u8; 16 * 1024];
    let _ = stream.read(&mut request);
    match behaviour {
        Behaviour::ResetMidResponse => {
            let _ = stream.write_all(b"HTTP/1.1 200 O");
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
        Behaviour::Silent => std::thread::sleep(Duration::from_secs(300)),
        Behaviour::Trickle => {
            for byte in b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}" {
                if stream.write_all(&[*byte]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        Behaviour::Canned(response) => {
            let _ = stream.write_all(response.as_bytes());
        }
        Behaviour::Huge => {
            let size = 100 * 1024 * 1024;
            let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {size}\r\n\r\n");
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b' '; 64 * 1024];
            for _ in 0..size / chunk.len() {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
    }
}
