// Package report builds the answer package of an access request (Art. 15
// GDPR) from the classified entries and the typed answers: report.json with
// a documented, versioned schema (SCHEMA.md), a printable report.html in
// German and English, and report.zip with one CSV per record type for
// portability (Art. 20). It stores the report sealed, one per request, and
// issues the signed, expiring links that serve it to the customer.
//
// Building and rendering are pure (no clock reads, no I/O); Save, Load and
// the link functions take the store explicitly.
package report
