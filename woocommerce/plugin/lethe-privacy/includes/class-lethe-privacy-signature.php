<?php
/**
 * Signatures of the bodies Lethe and the plugin send each other
 * (PROTOCOL.md: base64 of HMAC-SHA256 over the raw body, a timestamp
 * within 300 seconds).
 *
 * @package Lethe_Privacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Signs and verifies bodies with the shop's secret.
 */
class Lethe_Privacy_Signature {
	const HEADER   = 'X-Lethe-Signature';
	const DELIVERY = 'X-Lethe-Delivery';
	const SKEW     = 300;

	/**
	 * The signature of $body under $secret.
	 *
	 * @param string $body   The raw body.
	 * @param string $secret The secret as pasted.
	 * @return string
	 */
	public static function sign( $body, $secret ) {
		return base64_encode( hash_hmac( 'sha256', $body, $secret, true ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
	}

	/**
	 * Checks a signed body: the signature in constant time, then the
	 * body's timestamp against the clock.
	 *
	 * @param string $body      The raw body.
	 * @param string $signature The header's value.
	 * @param string $secret    The secret.
	 * @param int    $now       Unix time.
	 * @return true|WP_Error
	 */
	public static function verify( $body, $signature, $secret, $now ) {
		if ( '' === $secret ) {
			return new WP_Error( 'lethe_not_configured', __( 'Lethe is not set up in this store yet.', 'lethe-privacy' ), array( 'status' => 503 ) );
		}
		if ( ! is_string( $signature ) || '' === $signature || ! hash_equals( self::sign( $body, $secret ), $signature ) ) {
			return new WP_Error( 'lethe_bad_signature', __( 'The signature is missing or wrong.', 'lethe-privacy' ), array( 'status' => 401 ) );
		}
		// An object: a JSON list decodes to a PHP array too.
		if ( ! is_object( json_decode( $body ) ) ) {
			return new WP_Error( 'lethe_invalid', __( 'The body is not a JSON object.', 'lethe-privacy' ), array( 'status' => 400 ) );
		}
		$data = json_decode( $body, true );
		if ( ! isset( $data['timestamp'] ) || ! is_int( $data['timestamp'] ) || abs( $now - $data['timestamp'] ) > self::SKEW ) {
			return new WP_Error( 'lethe_bad_signature', __( 'The timestamp is missing or too old.', 'lethe-privacy' ), array( 'status' => 401 ) );
		}
		return true;
	}
}
