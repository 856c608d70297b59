import Foundation

extension BaselineError {
    /// Why a Foundation file operation failed, in the system's words where it has them ("File
    /// name too long", "Operation not permitted") rather than Foundation's ("The file name is
    /// invalid."), for the message of a `BaselineError`.
    public static func systemReason(_ error: Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }
}
