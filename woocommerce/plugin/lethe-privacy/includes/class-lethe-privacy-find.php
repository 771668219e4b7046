<?php
/**
 * The find route: what WooCommerce's REST API does not show about a person
 * (PROTOCOL.md): the WordPress user's meta that plugins add, comments that
 * are not product reviews, the analytics customer row.
 *
 * @package Lethe_Privacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads a person's data by e-mail address.
 */
class Lethe_Privacy_Find {
	/**
	 * User meta keys WordPress and WooCommerce keep for themselves (or that
	 * the REST API shows already): left out of find.
	 */
	const INTERNAL_META = array(
		'session_tokens',
		'dismissed_wp_pointers',
		'rich_editing',
		'syntax_highlighting',
		'comment_shortcuts',
		'admin_color',
		'use_ssl',
		'show_admin_bar_front',
		'show_welcome_panel',
		'default_password_nag',
		'wp_persisted_preferences',
		'locale',
		'last_update',
		'wc_last_active',
		'paying_customer',
		'_order_count',
		'_money_spent',
		'_last_order',
		'_woocommerce_tracks_anon_id',
		'woocommerce_admin_activity_panel_inbox_last_read',
	);

	/**
	 * Whether a user meta key is internal.
	 *
	 * @param string $key The meta key.
	 * @return bool
	 */
	public static function internal_meta( $key ) {
		global $wpdb;
		if ( in_array( $key, self::INTERNAL_META, true ) ) {
			return true;
		}
		$prefixed = array( 'capabilities', 'user_level', 'user-settings', 'user-settings-time', 'dashboard_quick_press_last_post_id', 'persisted_preferences' );
		foreach ( $prefixed as $suffix ) {
			if ( $wpdb->get_blog_prefix() . $suffix === $key || $wpdb->base_prefix . $suffix === $key ) {
				return true;
			}
		}
		foreach ( array( 'billing_', 'shipping_', 'closedpostboxes_', 'metaboxhidden_', 'meta-box-order_', 'screen_layout_', 'manage', '_woocommerce_persistent_cart', 'dismissed_' ) as $prefix ) {
			if ( 0 === strpos( $key, $prefix ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Everything find answers for $email.
	 *
	 * @param string $email The e-mail address.
	 * @return array
	 */
	public static function find( $email ) {
		return array(
			'user'      => self::user( $email ),
			'comments'  => self::comments( $email ),
			'analytics' => self::analytics( $email ),
		);
	}

	/**
	 * The WordPress user with that e-mail address and its meta, or null.
	 *
	 * @param string $email The e-mail address.
	 * @return array|null
	 */
	private static function user( $email ) {
		$user = get_user_by( 'email', $email );
		if ( ! $user ) {
			return null;
		}
		$meta = array();
		foreach ( get_user_meta( $user->ID ) as $key => $values ) {
			if ( self::internal_meta( $key ) || ! isset( $values[0] ) || '' === $values[0] ) {
				continue;
			}
			$v            = maybe_unserialize( $values[0] );
			$meta[ $key ] = is_scalar( $v ) ? (string) $v : wp_json_encode( $v );
		}
		return array(
			'id'   => (int) $user->ID,
			'meta' => (object) $meta,
		);
	}

	/**
	 * Whether a comment is a product review (the REST API shows those) or
	 * no comment of a person at all (order notes, logs).
	 *
	 * @param WP_Comment $c The comment.
	 * @return bool
	 */
	public static function not_a_comment( $c ) {
		if ( in_array( $c->comment_type, array( 'review', 'order_note', 'webhook_delivery', 'action_log' ), true ) ) {
			return true;
		}
		return 'product' === get_post_type( (int) $c->comment_post_ID );
	}

	/**
	 * The person's comments by author e-mail that are not product reviews.
	 *
	 * @param string $email The e-mail address.
	 * @return array[]
	 */
	public static function comments( $email ) {
		$out = array();
		$all = get_comments(
			array(
				'author_email' => $email,
				'status'       => 'all',
				'orderby'      => 'comment_ID',
				'order'        => 'ASC',
				'type'         => '',
			)
		);
		foreach ( $all as $c ) {
			if ( self::not_a_comment( $c ) ) {
				continue;
			}
			$out[] = array(
				'id'          => (int) $c->comment_ID,
				'post_id'     => (int) $c->comment_post_ID,
				'post_title'  => get_the_title( (int) $c->comment_post_ID ),
				'date_gmt'    => self::time( $c->comment_date_gmt ),
				'content'     => $c->comment_content,
				'author'      => $c->comment_author,
				'author_url'  => $c->comment_author_url,
				'author_ip'   => $c->comment_author_IP,
				'user_agent'  => $c->comment_agent,
			);
		}
		return $out;
	}

	/**
	 * WooCommerce's analytics customer row (wc_customer_lookup) of that
	 * e-mail address, or null (also without WooCommerce).
	 *
	 * @param string $email The e-mail address.
	 * @return array|null
	 */
	private static function analytics( $email ) {
		global $wpdb;
		$store = '\Automattic\WooCommerce\Admin\API\Reports\Customers\DataStore';
		if ( ! class_exists( $store ) ) {
			return null;
		}
		$id = $store::get_customer_id_by_email( $email );
		if ( ! $id ) {
			return null;
		}
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$wpdb->prefix}wc_customer_lookup WHERE customer_id = %d", $id ), ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		if ( ! $row ) {
			return null;
		}
		return array(
			'customer_id'      => (int) $row['customer_id'],
			'user_id'          => (int) $row['user_id'],
			'username'         => (string) $row['username'],
			'first_name'       => (string) $row['first_name'],
			'last_name'        => (string) $row['last_name'],
			'email'            => (string) $row['email'],
			'country'          => (string) $row['country'],
			'postcode'         => (string) $row['postcode'],
			'city'             => (string) $row['city'],
			'state'            => (string) $row['state'],
			'date_registered'  => self::time( $row['date_registered'] ),
			'date_last_active' => self::time( $row['date_last_active'] ),
		);
	}

	/**
	 * A MySQL UTC datetime as RFC 3339 ('' for none).
	 *
	 * @param string|null $mysql The datetime.
	 * @return string
	 */
	private static function time( $mysql ) {
		if ( empty( $mysql ) || 0 === strpos( (string) $mysql, '0000-00-00' ) ) {
			return '';
		}
		return Lethe_Privacy_Queue::rfc3339( strtotime( $mysql . ' UTC' ) );
	}
}
