<?php
/**
 * The erase route: what WooCommerce's REST API cannot erase without
 * touching the invoice (PROTOCOL.md). Orders are changed field by field
 * through WooCommerce's CRUD objects and saved with $order->save() — never
 * calculate_totals(): totals, tax lines and the tax location stay as they
 * are, with and without HPOS.
 *
 * @package Lethe_Privacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * Erases a person's data in the store.
 */
class Lethe_Privacy_Erase {
	const FIELDS = array( 'ip_address', 'user_agent', 'billing_email', 'billing_phone', 'shipping_address', 'customer_note', 'meta' );

	/**
	 * The shipping address fields that go (country, state and postcode stay:
	 * they may be the tax location).
	 */
	const SHIPPING = array( 'first_name', 'last_name', 'company', 'address_1', 'address_2', 'city', 'phone' );

	/**
	 * Checks the erase body.
	 *
	 * @param array $data The decoded body.
	 * @return true|WP_Error
	 */
	public static function check( array $data ) {
		if ( isset( $data['orders'] ) && ! is_array( $data['orders'] ) ) {
			return self::invalid( __( 'orders must be a list.', 'lethe-privacy' ) );
		}
		foreach ( isset( $data['orders'] ) ? $data['orders'] : array() as $o ) {
			if ( ! is_array( $o ) || ! isset( $o['id'] ) || ! is_int( $o['id'] ) || $o['id'] <= 0 || ! isset( $o['fields'] ) || ! is_array( $o['fields'] ) ) {
				return self::invalid( __( 'Each order needs an id and a list of fields.', 'lethe-privacy' ) );
			}
			foreach ( $o['fields'] as $f ) {
				if ( ! in_array( $f, self::FIELDS, true ) ) {
					return self::invalid( __( 'An order field is not one the plugin erases.', 'lethe-privacy' ) );
				}
			}
		}
		foreach ( array( 'analytics', 'comments' ) as $flag ) {
			if ( isset( $data[ $flag ] ) && ! is_bool( $data[ $flag ] ) ) {
				return self::invalid( __( 'analytics and comments must be true or false.', 'lethe-privacy' ) );
			}
		}
		if ( ! empty( $data['analytics'] ) || ! empty( $data['comments'] ) ) {
			$email = Lethe_Privacy_REST::email( $data );
			if ( is_wp_error( $email ) ) {
				return $email;
			}
		}
		return true;
	}

	/**
	 * A 400 answer.
	 *
	 * @param string $message Why.
	 * @return WP_Error
	 */
	private static function invalid( $message ) {
		return new WP_Error( 'lethe_invalid', $message, array( 'status' => 400 ) );
	}

	/**
	 * Erases what the body names and says what it did.
	 *
	 * @param array $data The checked body.
	 * @return array
	 */
	public static function erase( array $data ) {
		$out = array(
			'orders'  => array(),
			'missing' => array(),
		);
		foreach ( isset( $data['orders'] ) ? $data['orders'] : array() as $o ) {
			$order = function_exists( 'wc_get_order' ) ? wc_get_order( $o['id'] ) : false;
			if ( ! $order || ! is_a( $order, 'WC_Order' ) ) {
				$out['missing'][] = (int) $o['id'];
				continue;
			}
			$fields = array_values( array_unique( $o['fields'] ) );
			sort( $fields, SORT_STRING );
			$out['orders'][] = self::order( $order, $fields );
		}
		$email = isset( $data['email'] ) && is_string( $data['email'] ) ? trim( $data['email'] ) : '';
		if ( ! empty( $data['analytics'] ) ) {
			$out['analytics'] = self::analytics( $email ) ? 'anonymized' : 'absent';
		}
		if ( ! empty( $data['comments'] ) ) {
			$out['comments'] = self::comments( $email );
		}
		return $out;
	}

	/**
	 * Erases the fields of one order, then saves it once.
	 *
	 * @param WC_Order $order  The order.
	 * @param string[] $fields The fields.
	 * @return array {id, erased, empty}
	 */
	private static function order( $order, array $fields ) {
		$erased = array();
		$empty  = array();
		foreach ( $fields as $field ) {
			if ( self::field( $order, $field ) ) {
				$erased[] = $field;
			} else {
				$empty[] = $field;
			}
		}
		if ( $erased ) {
			$order->save(); // Totals are not recalculated: the invoice stays as it is.
		}
		return array(
			'id'     => (int) $order->get_id(),
			'erased' => $erased,
			'empty'  => $empty,
		);
	}

	/**
	 * Whether a value holds something that is not its erased form already.
	 *
	 * @param mixed  $value  The current value.
	 * @param string $erased Its erased form.
	 * @return bool
	 */
	private static function held( $value, $erased ) {
		return ! empty( $value ) && (string) $value !== (string) $erased;
	}

	/**
	 * Erases one field on the order object (not saved yet).
	 *
	 * @param WC_Order $order The order.
	 * @param string   $field The field.
	 * @return bool Whether it held something.
	 */
	private static function field( $order, $field ) {
		switch ( $field ) {
			case 'ip_address':
				// wp_privacy_anonymize_data( 'ip' ) keeps the network part;
				// the address goes entirely (PROTOCOL.md: 0.0.0.0), through
				// the same function and its filter.
				$anon = wp_privacy_anonymize_data( 'ip', '0.0.0.0' );
				if ( ! self::held( $order->get_customer_ip_address( 'edit' ), $anon ) ) {
					return false;
				}
				$order->set_customer_ip_address( $anon );
				return true;
			case 'user_agent':
				if ( ! self::held( $order->get_customer_user_agent( 'edit' ), '' ) ) {
					return false;
				}
				$order->set_customer_user_agent( '' );
				return true;
			case 'billing_email':
				$anon = wp_privacy_anonymize_data( 'email', $order->get_billing_email( 'edit' ) );
				if ( ! self::held( $order->get_billing_email( 'edit' ), $anon ) ) {
					return false;
				}
				$order->set_billing_email( $anon );
				return true;
			case 'billing_phone':
				if ( ! self::held( $order->get_billing_phone( 'edit' ), '' ) ) {
					return false;
				}
				$order->set_billing_phone( '' );
				return true;
			case 'customer_note':
				if ( ! self::held( $order->get_customer_note( 'edit' ), '' ) ) {
					return false;
				}
				$order->set_customer_note( '' );
				return true;
			case 'shipping_address':
				$held = false;
				foreach ( self::SHIPPING as $part ) {
					$get = 'get_shipping_' . $part;
					$set = 'set_shipping_' . $part;
					if ( ! is_callable( array( $order, $get ) ) || ! self::held( $order->{$get}( 'edit' ), '' ) ) {
						continue;
					}
					$order->{$set}( '' );
					$held = true;
				}
				return $held;
			case 'meta':
				return self::meta( $order );
		}
		return false;
	}

	/**
	 * Anonymizes the order meta WooCommerce lists as personal
	 * (woocommerce_privacy_remove_order_personal_data_meta). The action
	 * woocommerce_privacy_remove_order_personal_data is not fired: plugins
	 * hooked there may blank the invoice address.
	 *
	 * @param WC_Order $order The order.
	 * @return bool Whether any held something.
	 */
	private static function meta( $order ) {
		$meta = apply_filters(
			'woocommerce_privacy_remove_order_personal_data_meta',
			array(
				'Payer first name'     => 'text',
				'Payer last name'      => 'text',
				'Payer PayPal address' => 'email',
				'Transaction ID'       => 'numeric_id',
			)
		);
		$held = false;
		foreach ( is_array( $meta ) ? $meta : array() as $key => $type ) {
			$value = $order->get_meta( $key );
			if ( empty( $type ) ) {
				continue;
			}
			$anon = wp_privacy_anonymize_data( $type, $value );
			$anon = apply_filters( 'woocommerce_privacy_remove_order_personal_data_meta_value', $anon, $key, $value, $type, $order );
			if ( ! self::held( $value, $anon ) ) {
				continue;
			}
			if ( $anon ) {
				$order->update_meta_data( $key, $anon );
			} else {
				$order->delete_meta_data( $key );
			}
			$held = true;
		}
		return $held;
	}

	/**
	 * The option that remembers the analytics rows Lethe anonymized (their
	 * customer ids, no personal data).
	 */
	const ANONYMIZED = 'lethe_privacy_anonymized_customers';

	/**
	 * Anonymizes WooCommerce's analytics customer rows of the e-mail address
	 * with its own CustomersDataStore::anonymize_customer (through the
	 * customer's last order, which is how it finds the row); a row without
	 * an order is anonymized with the same values. The rows are remembered:
	 * see reanonymize.
	 *
	 * @param string $email The e-mail address.
	 * @return bool Whether there was a row.
	 */
	private static function analytics( $email ) {
		$store = '\Automattic\WooCommerce\Admin\API\Reports\Customers\DataStore';
		if ( ! class_exists( $store ) ) {
			return false;
		}
		$found = false;
		for ( $i = 0; $i < 20; $i++ ) {
			$id = Lethe_Privacy_Find::analytics_id( $email );
			if ( ! $id ) {
				break;
			}
			$found = true;
			self::remember( $id );
			$order = $store::get_last_order( $id );
			if ( $order ) {
				$store::anonymize_customer( $order );
			}
			if ( Lethe_Privacy_Find::analytics_id( $email ) === $id ) {
				self::anonymize_row( $id );
			}
		}
		return $found;
	}

	/**
	 * Anonymizes one analytics row as anonymize_customer does.
	 *
	 * @param int $id The row's customer_id.
	 */
	private static function anonymize_row( $id ) {
		global $wpdb;
		$deleted = __( '[deleted]', 'woocommerce' ); // phpcs:ignore WordPress.WP.I18n.TextDomainMismatch
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->prefix}wc_customer_lookup SET user_id = NULL, username = %s, first_name = %s, last_name = %s, email = %s, country = '', postcode = %s, city = %s, state = %s WHERE customer_id = %d",
				array( $deleted, $deleted, $deleted, 'deleted@site.invalid', $deleted, $deleted, $deleted, $id )
			)
		);
		if ( class_exists( '\Automattic\WooCommerce\Admin\API\Reports\Cache' ) ) {
			\Automattic\WooCommerce\Admin\API\Reports\Cache::invalidate();
		}
	}

	/**
	 * Remembers an anonymized row (the latest 10,000).
	 *
	 * @param int $id The row's customer_id.
	 */
	private static function remember( $id ) {
		$ids = get_option( self::ANONYMIZED, array() );
		$ids = is_array( $ids ) ? array_map( 'intval', $ids ) : array();
		if ( in_array( (int) $id, $ids, true ) ) {
			return;
		}
		$ids[] = (int) $id;
		update_option( self::ANONYMIZED, array_slice( $ids, -10000 ), 'no' );
	}

	/**
	 * The woocommerce_analytics_update_customer hook. Saving an order makes
	 * WooCommerce's analytics import copy the customer's name, e-mail
	 * address and location from their last order back into the row
	 * (CustomersDataStore::sync_order_customer) — for a kept order whose
	 * billing address stays, that undoes the anonymization; a row Lethe
	 * anonymized is anonymized again at once.
	 *
	 * @param int $customer_id The row WooCommerce updated.
	 */
	public static function reanonymize( $customer_id ) {
		$ids = get_option( self::ANONYMIZED, array() );
		if ( $customer_id && is_array( $ids ) && in_array( (int) $customer_id, array_map( 'intval', $ids ), true ) ) {
			self::anonymize_row( (int) $customer_id );
		}
	}

	/**
	 * Anonymizes the person's comments that are not product reviews with
	 * WordPress's own comment eraser; reviews (erased over REST by Lethe)
	 * are held back from it.
	 *
	 * @param string $email The e-mail address.
	 * @return array {removed, retained}
	 */
	private static function comments( $email ) {
		$before = count( Lethe_Privacy_Find::comments( $email ) );
		$skip   = function ( $anonymize, $comment ) {
			return Lethe_Privacy_Find::not_a_comment( $comment ) ? __( 'A product review is left to Lethe.', 'lethe-privacy' ) : $anonymize;
		};
		add_filter( 'wp_anonymize_comment', $skip, 10, 2 );
		$left = $before;
		for ( $i = 0; $i < 100 && $left > 0; $i++ ) {
			$r   = wp_comments_personal_data_eraser( $email, 1 );
			$now = count( Lethe_Privacy_Find::comments( $email ) );
			if ( $now >= $left || ! empty( $r['done'] ) ) {
				$left = $now;
				break;
			}
			$left = $now;
		}
		remove_filter( 'wp_anonymize_comment', $skip, 10 );
		return array(
			'removed'  => $before - $left,
			'retained' => $left,
		);
	}
}
