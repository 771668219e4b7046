// Package retention holds the retention rule sets (Germany by default,
// Austria) as data, and Evaluate, which decides for one record what an
// erasure request does to it: erase now, retain restricted until a date
// (Art. 17(3)(b), 18(2) GDPR), or defer while the contract is performed.
//
// Every rule carries its legal reference, so the product can tell the
// merchant and the customer why something is kept and until when. Pure
// functions only: "today" is passed in.
package retention
