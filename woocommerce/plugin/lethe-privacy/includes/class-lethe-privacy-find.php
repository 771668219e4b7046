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
	 * the REST API shows already): left out of find (PROTOCOL.md lists
	 * them; the emulator's internalUserMeta is the same list).
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
		'last_update',
		'wc_last_active',
		'paying_customer',
		'_order_count',
		'_money_spent',
		'_last_order',
		'_woocommerce_tracks_anon_id',
		'_woocommerce_load_saved_cart_after_login',
		'woocommerce_admin_activity_panel_inbox_last_read',
	);

	/**
	 * Keys kept per site: the table prefix (with the site's number in a
	 * network) before them.
	 */
	const SITE_META = array( 'capabilities', 'user_level', 'user-settings', 'user-settings-time', 'dashboard_quick_press_last_post_id', 'persisted_preferences', 'media_library_mode' );

	/**
	 * Prefixes of internal keys (screen options, dismissed notices, the
	 * addresses REST shows, the persistent cart).
	 */
	const INTERNAL_PREFIXES = array( 'billing_', 'shipping_', 'closedpostboxes_', 'metaboxhidden_', 'meta-box-order_', 'screen_layout_', 'dismissed_', '_woocommerce_persistent_cart' );

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
		$site = '/^' . preg_quote( $wpdb->base_prefix, '/' ) . '([0-9]+_)?(' . implode( '|', array_map( 'preg_quote', self::SITE_META ) ) . ')$/';
		if ( preg_match( $site, $key ) ) {
			return true;
		}
		foreach ( self::INTERNAL_PREFIXES as $prefix ) {
			if ( 0 === strpos( $key, $prefix ) ) {
				return true;
			}
		}
		// A list screen's hidden columns: manage{screen}columnshidden.
		return (bool) preg_match( '/^manage.+columnshidden$/', $key );
	}

	/**
	 * A user meta value as find sends it: a string as stored, an array
	 * WordPress stored serialized as the array; null when empty.
	 *
	 * @param string $raw The stored value.
	 * @return string|array|null
	 */
	public static function meta_value( $raw ) {
		$v = maybe_unserialize( $raw );
		if ( is_array( $v ) ) {
			return $v ? $v : null;
		}
		$s = is_scalar( $v ) ? (string) $v : (string) $raw;
		return '' === trim( $s ) ? null : $s;
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
			if ( self::internal_meta( $key ) || ! isset( $values[0] ) ) {
				continue;
			}
			$v = self::meta_value( $values[0] );
			if ( null !== $v ) {
				$meta[ $key ] = $v;
			}
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
	 * The person's comments by author e-mail that are not product reviews,
	 * approved or waiting for approval (not spam, not trash), newest first.
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
				'orderby'      => array( 'comment_date_gmt', 'comment_ID' ),
				'order'        => 'DESC',
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
				'post_title'  => (string) get_post_field( 'post_title', (int) $c->comment_post_ID, 'raw' ),
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
		$id = self::analytics_id( $email );
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
	 * The analytics customer row of an e-mail address as WooCommerce finds
	 * it (CustomersDataStore::get_customer_id_by_email: a registered
	 * customer's row before a guest's); 0 when none or without WooCommerce.
	 *
	 * @param string $email The e-mail address.
	 * @return int
	 */
	public static function analytics_id( $email ) {
		global $wpdb;
		$store = '\Automattic\WooCommerce\Admin\API\Reports\Customers\DataStore';
		if ( ! class_exists( $store ) ) {
			return 0;
		}
		if ( method_exists( $store, 'get_customer_id_by_email' ) ) {
			return (int) $store::get_customer_id_by_email( $email );
		}
		// WooCommerce before get_customer_id_by_email: its query.
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT customer_id FROM {$wpdb->prefix}wc_customer_lookup WHERE email = %s ORDER BY user_id IS NOT NULL DESC LIMIT 1", $email ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	/**
	 * A MySQL UTC datetime as RFC 3339 (null for none).
	 *
	 * @param string|null $mysql The datetime.
	 * @return string|null
	 */
	private static function time( $mysql ) {
		if ( empty( $mysql ) || 0 === strpos( (string) $mysql, '0000-00-00' ) ) {
			return null;
		}
		return Lethe_Privacy_Queue::rfc3339( strtotime( $mysql . ' UTC' ) );
	}
}
