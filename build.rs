//! Link-time layout of the release executable on Linux: see link/hot-path.ld for why.
//! `SSOENV_LINKER_SCRIPT=0` leaves it out, for a linker that reads no linker scripts (mold).

use std::env;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=link/hot-path.ld");
    println!("cargo::rerun-if-env-changed=SSOENV_LINKER_SCRIPT");
    let linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let release = env::var("PROFILE").is_ok_and(|profile| profile == "release");
    let wanted = env::var("SSOENV_LINKER_SCRIPT").map_or(true, |value| value != "0");
    if linux && release && wanted {
        let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
        let script = Path::new(&manifest_dir).join("link/hot-path.ld");
        // -Xlinker passes the next argument whole: a path with a comma would be split by -Wl,.
        println!("cargo::rustc-link-arg-bins=-Xlinker");
        println!("cargo::rustc-link-arg-bins=--script={}", script.display());
    }
}
