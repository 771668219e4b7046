<?php
/**
 * The REST routes Lethe calls (PROTOCOL.md): POST /wp-json/lethe/v1/ping,
 * find, erase and complete, each signed with the shop's secret. The
 * permission callback verifies the signature over the raw body in constant
 * time and the timestamp within 300 seconds.
 *
 * @package Lethe_Privacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers and answers the routes.
 */
class Lethe_Privacy_REST {
	const NS = 'lethe/v1';

	/**
	 * The rest_api_init hook.
	 */
	public static function register() {
		$routes = array(
			'ping'     => 'ping',
			'find'     => 'find',
			'erase'    => 'erase',
			'complete' => 'complete',
		);
		foreach ( $routes as $route => $method ) {
			register_rest_route(
				self::NS,
				'/' . $route,
				array(
					'methods'             => 'POST',
					'callback'            => array( __CLASS__, $method ),
					'permission_callback' => array( __CLASS__, 'permission' ),
				)
			);
		}
	}

	/**
	 * Lets a call in only with a valid signature and a fresh timestamp.
	 *
	 * @param WP_REST_Request $request The call.
	 * @return true|WP_Error
	 */
	public static function permission( WP_REST_Request $request ) {
		return Lethe_Privacy_Signature::verify( $request->get_body(), $request->get_header( 'x_lethe_signature' ), Lethe_Privacy_Settings::secret(), time() );
	}

	/**
	 * The verified body as an array.
	 *
	 * @param WP_REST_Request $request The call.
	 * @return array
	 */
	private static function body( WP_REST_Request $request ) {
		$data = json_decode( $request->get_body(), true );
		return is_array( $data ) ? $data : array();
	}

	/**
	 * The body's e-mail address (surrounding space trimmed), or an error.
	 *
	 * @param array $data The body.
	 * @return string|WP_Error
	 */
	public static function email( array $data ) {
		$email = isset( $data['email'] ) && is_string( $data['email'] ) ? trim( $data['email'] ) : '';
		if ( '' === $email || ! is_email( $email ) ) {
			return new WP_Error( 'lethe_invalid', __( 'email must be an e-mail address.', 'lethe-privacy' ), array( 'status' => 400 ) );
		}
		return $email;
	}

	/**
	 * Ping: is the plugin there, on which versions.
	 *
	 * @return WP_REST_Response
	 */
	public static function ping() {
		$hpos = false;
		if ( class_exists( '\Automattic\WooCommerce\Utilities\OrderUtil' ) && method_exists( '\Automattic\WooCommerce\Utilities\OrderUtil', 'custom_orders_table_usage_is_enabled' ) ) {
			$hpos = (bool) \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled();
		}
		return new WP_REST_Response(
			array(
				'plugin'      => LETHE_PRIVACY_VERSION,
				'wordpress'   => get_bloginfo( 'version' ),
				'woocommerce' => defined( 'WC_VERSION' ) ? WC_VERSION : '',
				'hpos'        => $hpos,
			),
			200
		);
	}

	/**
	 * Find: what REST does not show about the person.
	 *
	 * @param WP_REST_Request $request The call.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function find( WP_REST_Request $request ) {
		$email = self::email( self::body( $request ) );
		if ( is_wp_error( $email ) ) {
			return $email;
		}
		return new WP_REST_Response( Lethe_Privacy_Find::find( $email ), 200 );
	}

	/**
	 * Erase: the fields of kept orders, the analytics row, the comments.
	 *
	 * @param WP_REST_Request $request The call.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function erase( WP_REST_Request $request ) {
		$data  = self::body( $request );
		$check = Lethe_Privacy_Erase::check( $data );
		if ( is_wp_error( $check ) ) {
			return $check;
		}
		return new WP_REST_Response( Lethe_Privacy_Erase::erase( $data ), 200 );
	}

	/**
	 * Complete: Lethe is done; WordPress's request is marked completed.
	 *
	 * @param WP_REST_Request $request The call.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function complete( WP_REST_Request $request ) {
		$data = self::body( $request );
		if ( ! isset( $data['request_id'] ) || ! is_int( $data['request_id'] ) || $data['request_id'] <= 0 ) {
			return new WP_Error( 'lethe_invalid', __( 'request_id must be a positive integer.', 'lethe-privacy' ), array( 'status' => 400 ) );
		}
		$id      = $data['request_id'];
		$privacy = wp_get_user_request( $id );
		if ( ! $privacy ) {
			return new WP_Error( 'lethe_unknown_request', __( 'There is no privacy request with this id.', 'lethe-privacy' ), array( 'status' => 404 ) );
		}
		Lethe_Privacy_Queue::remove( $id ); // Lethe has it, whatever the queue says.
		if ( 'request-completed' !== $privacy->status ) {
			if ( ! function_exists( '_wp_privacy_completed_request' ) ) {
				require_once ABSPATH . 'wp-admin/includes/privacy-tools.php';
			}
			$done = _wp_privacy_completed_request( $id );
			if ( is_wp_error( $done ) || ! $done ) {
				return new WP_Error( 'lethe_failed', __( 'The request could not be marked completed.', 'lethe-privacy' ), array( 'status' => 500 ) );
			}
			update_post_meta( $id, '_lethe_privacy_completed', time() );
		}
		return new WP_REST_Response( array( 'status' => 'completed' ), 200 );
	}
}
