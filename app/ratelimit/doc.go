// Package ratelimit counts clients by address and limits the requests a
// receiver refuses: ClientKey is the address a client is counted by, and
// Rejections limits and samples the rejected deliveries of a platform's
// webhook, so that a client sending garbage meets 429 and writes one log
// line a minute, while valid deliveries are never throttled.
package ratelimit
