// Package deadline computes when an answer to a data-subject request is due:
// Art. 12(3) GDPR, counted under Regulation (EEC, Euratom) No 1182/71, with
// the public holidays of the controller's place.
//
// Everything is a pure function of its arguments: the receipt instant, the
// place and the shop's time zone go in, dates come out. Nothing reads the
// clock; "today" is passed to DaysLeft and Overdue.
package deadline
