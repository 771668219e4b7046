<?php
/**
 * The plugin's settings: Lethe's webhook URL and the shop's secret.
 *
 * @package Lethe_Privacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads and checks the settings the merchant pasted from Lethe's panel.
 */
class Lethe_Privacy_Settings {
	const OPTION = 'lethe_privacy_settings';

	/**
	 * The saved settings.
	 *
	 * @return array{webhook_url: string, secret: string}
	 */
	public static function get() {
		$s = get_option( self::OPTION, array() );
		if ( ! is_array( $s ) ) {
			$s = array();
		}
		return array(
			'webhook_url' => isset( $s['webhook_url'] ) ? (string) $s['webhook_url'] : '',
			'secret'      => isset( $s['secret'] ) ? (string) $s['secret'] : '',
		);
	}

	/**
	 * The secret Lethe signs with ('' while none is saved).
	 *
	 * @return string
	 */
	public static function secret() {
		$s = self::get();
		return $s['secret'];
	}

	/**
	 * Whether both values are saved.
	 *
	 * @return bool
	 */
	public static function configured() {
		$s = self::get();
		return '' !== $s['webhook_url'] && '' !== $s['secret'];
	}

	/**
	 * Whether $url is a webhook URL Lethe gives: http(s), a host, no
	 * credentials.
	 *
	 * @param string $url The URL.
	 * @return bool
	 */
	public static function valid_url( $url ) {
		$p = wp_parse_url( $url );
		return is_array( $p ) && isset( $p['scheme'], $p['host'] ) && in_array( strtolower( $p['scheme'] ), array( 'http', 'https' ), true )
			&& ! isset( $p['user'] ) && ! isset( $p['pass'] );
	}

	/**
	 * Whether $secret looks like the secret Lethe shows: 43 characters of
	 * base64url.
	 *
	 * @param string $secret The secret.
	 * @return bool
	 */
	public static function valid_secret( $secret ) {
		return 1 === preg_match( '/^[A-Za-z0-9_-]{43}$/', $secret );
	}

	/**
	 * Sanitizes the settings form (register_setting's callback). An empty
	 * secret field keeps the saved secret; an invalid value keeps the saved
	 * one and says why.
	 *
	 * @param mixed $input The posted values.
	 * @return array
	 */
	public static function sanitize( $input ) {
		$old = self::get();
		$in  = is_array( $input ) ? $input : array();
		$url = isset( $in['webhook_url'] ) ? esc_url_raw( trim( wp_unslash( (string) $in['webhook_url'] ) ) ) : $old['webhook_url'];
		if ( '' !== $url && ! self::valid_url( $url ) ) {
			add_settings_error( self::OPTION, 'lethe_url', __( 'The webhook URL is not a web address. Please copy it from Lethe again.', 'lethe-privacy' ) );
			$url = $old['webhook_url'];
		}
		$secret = isset( $in['secret'] ) ? trim( sanitize_text_field( wp_unslash( (string) $in['secret'] ) ) ) : '';
		if ( '' === $secret ) {
			$secret = $old['secret'];
		} elseif ( ! self::valid_secret( $secret ) ) {
			add_settings_error( self::OPTION, 'lethe_secret', __( 'The secret must be the 43 characters Lethe shows. Please copy it from Lethe again.', 'lethe-privacy' ) );
			$secret = $old['secret'];
		}
		return array(
			'webhook_url' => $url,
			'secret'      => $secret,
		);
	}
}
