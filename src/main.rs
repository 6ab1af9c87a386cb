mod cli;

// Pages are built on all cores at once; glibc's allocator spent a fifth of
// the build in malloc and free under that load, mimalloc much less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::run());
}
