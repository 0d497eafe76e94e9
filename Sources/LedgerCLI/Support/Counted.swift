/// A number with its noun in the right number: `1 event`, `2 events`,
/// `1 access-log entry` (the plural given where it is not the noun plus "s").
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
}
