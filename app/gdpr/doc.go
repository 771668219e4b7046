// Package gdpr holds the value types shared by Lethe's GDPR rules: civil
// dates, the controller's place (country and state, which decides public
// holidays and the supervisory authority) and the data items a connector
// finds for a person.
//
// The package and its sub-packages (deadline, retention, plan, answer) are
// pure: no I/O, no clock reads, no HTTP, SQL or platform code. Callers pass
// "now" or "today" in. imports_test.go enforces this.
package gdpr
