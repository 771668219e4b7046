<?php
/**
 * The delivery queue: every confirmed privacy request waits here until
 * Lethe accepted it (a 2xx answer), retried by WordPress's cron with
 * backoff (1 minute, doubled, at most 6 hours). Nothing is dropped: a
 * wrong secret or URL is fixed by the merchant, and the queue is then
 * delivered.
 *
 * Each waiting request is one option (lethe_privacy_q_<request id>), so
 * that a request confirmed while the cron delivers another is never lost
 * to an overwritten list.
 *
 * @package Lethe_Privacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Enqueues, delivers and reschedules.
 */
class Lethe_Privacy_Queue {
	const CRON_HOOK   = 'lethe_privacy_deliver';
	const PREFIX      = 'lethe_privacy_q_';
	const STATUS      = 'lethe_privacy_status';
	const MAX_BACKOFF = 21600; // 6 hours.
	const ACTIONS     = array( 'export_personal_data', 'remove_personal_data' );

	/**
	 * The first wait after a failure in seconds (LETHE_RETRY_BASE_SECONDS in
	 * wp-config.php changes it, for tests).
	 *
	 * @return int
	 */
	public static function base() {
		return defined( 'LETHE_RETRY_BASE_SECONDS' ) ? max( 1, (int) LETHE_RETRY_BASE_SECONDS ) : 60;
	}

	/**
	 * The wait after the given number of failed attempts.
	 *
	 * @param int $attempts Failed attempts so far (at least 1).
	 * @return int Seconds.
	 */
	public static function backoff( $attempts ) {
		$wait = self::base();
		for ( $i = 1; $i < $attempts && $wait < self::MAX_BACKOFF; $i++ ) {
			$wait *= 2;
		}
		return min( $wait, self::MAX_BACKOFF );
	}

	/**
	 * The user_request_action_confirmed hook: a person confirmed a request
	 * by WordPress's e-mail link. Export and erasure requests are queued
	 * and delivered at once (with a short timeout); others are not Lethe's.
	 *
	 * @param int $request_id The user_request post.
	 */
	public static function confirmed( $request_id ) {
		$entry = self::enqueue( (int) $request_id );
		if ( null !== $entry ) {
			self::deliver( $entry, 5 );
			self::schedule();
		}
	}

	/**
	 * Queues a request (once: a request queued already keeps its delivery
	 * id and attempts).
	 *
	 * @param int $request_id The user_request post.
	 * @return array|null The queue entry; null when it is not a privacy
	 *                    request Lethe answers.
	 */
	public static function enqueue( $request_id ) {
		$request = wp_get_user_request( $request_id );
		if ( ! $request || ! in_array( $request->action_name, self::ACTIONS, true ) ) {
			return null;
		}
		$old = self::get( $request_id );
		if ( null !== $old ) {
			return $old;
		}
		$post      = get_post( $request_id );
		$confirmed = (int) get_post_meta( $request_id, '_wp_user_request_confirmed_timestamp', true );
		$entry     = array(
			'request_id'   => (int) $request_id,
			'delivery'     => wp_generate_uuid4(),
			'action'       => $request->action_name,
			'email'        => $request->email,
			'requested_at' => self::rfc3339( strtotime( $post->post_date_gmt . ' UTC' ) ),
			'confirmed_at' => self::rfc3339( $confirmed > 0 ? $confirmed : time() ),
			'queued_at'    => time(),
			'attempts'     => 0,
			'next_try'     => time(),
			'last_error'   => '',
			'last_try'     => 0,
		);
		add_option( self::PREFIX . $request_id, $entry, '', 'no' );
		return $entry;
	}

	/**
	 * The queue entry of a request, or null.
	 *
	 * @param int $request_id The user_request post.
	 * @return array|null
	 */
	public static function get( $request_id ) {
		$e = get_option( self::PREFIX . (int) $request_id, null );
		return is_array( $e ) ? $e : null;
	}

	/**
	 * Every waiting entry, the oldest first.
	 *
	 * @return array[]
	 */
	public static function all() {
		global $wpdb;
		$names = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s ORDER BY option_id", $wpdb->esc_like( self::PREFIX ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$out   = array();
		foreach ( $names as $name ) {
			wp_cache_delete( $name, 'options' );
			$e = get_option( $name, null );
			if ( is_array( $e ) ) {
				$out[] = $e;
			}
		}
		return $out;
	}

	/**
	 * Removes a request from the queue (Lethe accepted it, or completed it).
	 *
	 * @param int $request_id The user_request post.
	 */
	public static function remove( $request_id ) {
		delete_option( self::PREFIX . (int) $request_id );
	}

	/**
	 * Tries one delivery of an entry: a signed POST to Lethe. A 2xx answer
	 * removes it from the queue; anything else records the error and the
	 * next try.
	 *
	 * @param array $entry   The queue entry.
	 * @param int   $timeout Seconds to wait for Lethe.
	 * @return bool Whether Lethe accepted it.
	 */
	public static function deliver( array $entry, $timeout ) {
		$settings = Lethe_Privacy_Settings::get();
		$entry['attempts']++;
		$entry['last_try'] = time();
		if ( ! Lethe_Privacy_Settings::configured() ) {
			return self::failed( $entry, __( 'Lethe is not set up yet: paste the webhook URL and the secret.', 'lethe-privacy' ) );
		}
		$body     = wp_json_encode(
			array(
				'version'      => 1,
				'timestamp'    => time(),
				'site_url'     => home_url(),
				'request_id'   => (int) $entry['request_id'],
				'action'       => $entry['action'],
				'email'        => $entry['email'],
				'requested_at' => $entry['requested_at'],
				'confirmed_at' => $entry['confirmed_at'],
			)
		);
		$response = wp_remote_post(
			$settings['webhook_url'],
			array(
				'timeout'     => $timeout,
				'redirection' => 0,
				'user-agent'  => 'Lethe-Privacy/' . LETHE_PRIVACY_VERSION . '; ' . home_url(),
				'headers'     => array(
					'Content-Type'                     => 'application/json',
					Lethe_Privacy_Signature::HEADER   => Lethe_Privacy_Signature::sign( $body, $settings['secret'] ),
					Lethe_Privacy_Signature::DELIVERY => $entry['delivery'],
				),
				'body'        => $body,
			)
		);
		if ( is_wp_error( $response ) ) {
			return self::failed( $entry, $response->get_error_message() );
		}
		$code = (int) wp_remote_retrieve_response_code( $response );
		if ( $code >= 200 && $code < 300 ) {
			$answer = json_decode( wp_remote_retrieve_body( $response ), true );
			update_post_meta( $entry['request_id'], '_lethe_privacy_delivered', time() );
			if ( is_array( $answer ) && isset( $answer['request'] ) ) {
				update_post_meta( $entry['request_id'], '_lethe_privacy_request', sanitize_text_field( (string) $answer['request'] ) );
			}
			self::remove( $entry['request_id'] );
			self::note( true, '' );
			return true;
		}
		$answer  = json_decode( wp_remote_retrieve_body( $response ), true );
		$message = is_array( $answer ) && isset( $answer['message'] ) ? sanitize_text_field( (string) $answer['message'] ) : '';
		/* translators: 1: HTTP status code, 2: Lethe's message. */
		return self::failed( $entry, trim( sprintf( __( 'Lethe answered %1$d. %2$s', 'lethe-privacy' ), $code, $message ) ) );
	}

	/**
	 * Records a failed attempt and when to try again.
	 *
	 * @param array  $entry The entry.
	 * @param string $error Why (no personal data).
	 * @return false
	 */
	private static function failed( array $entry, $error ) {
		$entry['last_error'] = $error;
		$entry['next_try']   = time() + self::backoff( max( 1, (int) $entry['attempts'] ) );
		if ( null !== self::get( $entry['request_id'] ) ) {
			update_option( self::PREFIX . $entry['request_id'], $entry, 'no' );
		}
		self::note( false, $error );
		return false;
	}

	/**
	 * Remembers the last delivery's outcome for the settings page.
	 *
	 * @param bool   $ok    Whether it was accepted.
	 * @param string $error Why not.
	 */
	private static function note( $ok, $error ) {
		$s = get_option( self::STATUS, array() );
		$s = is_array( $s ) ? $s : array();
		if ( $ok ) {
			$s['last_delivered'] = time();
		} else {
			$s['last_error']    = $error;
			$s['last_error_at'] = time();
		}
		update_option( self::STATUS, $s, 'no' );
	}

	/**
	 * The cron event: delivers every entry that is due (all of them when
	 * $force), then schedules the next event.
	 *
	 * @param bool $force Deliver entries that are not due yet too.
	 * @return int How many Lethe accepted.
	 */
	public static function run( $force = false ) {
		$done = 0;
		foreach ( self::all() as $entry ) {
			if ( $force || (int) $entry['next_try'] <= time() ) {
				$done += self::deliver( $entry, 15 ) ? 1 : 0;
			}
		}
		self::schedule();
		return $done;
	}

	/**
	 * Makes every entry due now (the merchant saved new settings).
	 */
	public static function due_now() {
		foreach ( self::all() as $entry ) {
			$entry['next_try'] = time();
			update_option( self::PREFIX . $entry['request_id'], $entry, 'no' );
		}
		self::schedule();
	}

	/**
	 * Keeps one cron event at the earliest next try (none when the queue
	 * is empty).
	 */
	public static function schedule() {
		$next = null;
		foreach ( self::all() as $entry ) {
			$t    = (int) $entry['next_try'];
			$next = null === $next ? $t : min( $next, $t );
		}
		$current = wp_next_scheduled( self::CRON_HOOK );
		if ( null === $next ) {
			if ( $current ) {
				wp_clear_scheduled_hook( self::CRON_HOOK );
			}
			return;
		}
		if ( $current && $current <= $next ) {
			return;
		}
		if ( $current ) {
			wp_unschedule_event( $current, self::CRON_HOOK );
		}
		wp_schedule_single_event( $next, self::CRON_HOOK );
	}

	/**
	 * A Unix time as RFC 3339 in UTC.
	 *
	 * @param int $t Unix time.
	 * @return string
	 */
	public static function rfc3339( $t ) {
		return gmdate( 'Y-m-d\TH:i:s\Z', (int) $t );
	}
}
