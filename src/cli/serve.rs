//! `whomet serve`: the explorer page on a local address.

use std::process::{Command, Stdio};

use whomet::serve::Server;
use whomet::{Error, MeetingGraph};

use super::{io_error, Context};

/// Arguments of `whomet serve`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet serve\n  whomet serve --port 0 --open\n  whomet serve --data /tmp/gen/L --port 8080"
)]
pub struct Args {
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on; anything but a loopback address exposes the data to the network
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    host: String,
    /// Open the page in the default browser
    #[arg(long)]
    open: bool,
}

/// Binds, prints the address, and serves until interrupted.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let server = Server::bind(&args.host, args.port).map_err(|e| Error::Usage(e.to_string()))?;
    if !server.is_loopback() {
        super::context::say(format_args!(
            "warning: serving on {}, reachable from other machines; the explorer has no access control",
            server.address()
        ));
    }
    writeln!(context.out, "whomet explorer at {}", server.url()).map_err(io_error)?;
    context.out.flush().map_err(io_error)?;
    if args.open {
        open(&server.url());
    }
    server.run(graph);
    Ok(())
}

/// Starts the desktop's opener; a machine without one still serves.
fn open(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if spawned.is_err() {
        super::note(format_args!(
            "could not start {opener}; open {url} yourself"
        ));
    }
}
