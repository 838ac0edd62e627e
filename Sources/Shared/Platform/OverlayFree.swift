#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Names the Swift Glibc overlay defines in Swift (not in C). Using the overlay's versions links
// its object file, which needs `hypotf@GLIBC_2.35` and so breaks the node binary on EL9
// (glibc 2.34). These module-level definitions shadow them inside Platform; scripts/check-binary.sh
// fails the build if the floor ever rises again.

/// The calling thread's `errno`, read through libc's `__errno_location` (not the overlay).
var errno: Int32 {
    get { __errno_location().pointee }
    set { __errno_location().pointee = newValue }
}

let S_IFMT: mode_t = 0o170000
let S_IFREG: mode_t = 0o100000
let S_IFDIR: mode_t = 0o040000
let S_IFLNK: mode_t = 0o120000
