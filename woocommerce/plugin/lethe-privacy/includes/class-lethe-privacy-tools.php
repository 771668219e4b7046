<?php
/**
 * Lethe in WordPress's privacy tools (Tools → Export Personal Data / Erase
 * Personal Data): an exporter that says the request is handled by Lethe and
 * how far it is, and an eraser that says Lethe erases in the shop's systems
 * — neither pretends to do Lethe's work here.
 *
 * @package Lethe_Privacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * The exporter and the eraser.
 */
class Lethe_Privacy_Tools {
	/**
	 * The wp_privacy_personal_data_exporters filter.
	 *
	 * @param array $exporters The exporters.
	 * @return array
	 */
	public static function exporters( $exporters ) {
		$exporters['lethe-privacy'] = array(
			'exporter_friendly_name' => __( 'Lethe', 'lethe-privacy' ),
			'callback'               => array( __CLASS__, 'export' ),
		);
		return $exporters;
	}

	/**
	 * The wp_privacy_personal_data_erasers filter.
	 *
	 * @param array $erasers The erasers.
	 * @return array
	 */
	public static function erasers( $erasers ) {
		$erasers['lethe-privacy'] = array(
			'eraser_friendly_name' => __( 'Lethe', 'lethe-privacy' ),
			'callback'             => array( __CLASS__, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * The person's privacy requests, newest first.
	 *
	 * @param string $email The e-mail address.
	 * @return WP_Post[]
	 */
	private static function requests( $email ) {
		return get_posts(
			array(
				'post_type'      => 'user_request',
				'post_status'    => 'any',
				'title'          => $email,
				'posts_per_page' => 20,
				'orderby'        => 'date',
				'order'          => 'DESC',
			)
		);
	}

	/**
	 * What Lethe did with one request, in words.
	 *
	 * @param WP_Post $post The user_request post.
	 * @return string
	 */
	public static function status( $post ) {
		$completed = (int) get_post_meta( $post->ID, '_lethe_privacy_completed', true );
		$delivered = (int) get_post_meta( $post->ID, '_lethe_privacy_delivered', true );
		$entry     = Lethe_Privacy_Queue::get( $post->ID );
		if ( $completed ) {
			/* translators: %s: date. */
			return sprintf( __( 'Lethe answered it; marked completed on %s.', 'lethe-privacy' ), wp_date( get_option( 'date_format' ), $completed ) );
		}
		if ( $delivered ) {
			/* translators: %s: date. */
			return sprintf( __( 'Forwarded to Lethe on %s; Lethe answers it from the shop\'s systems.', 'lethe-privacy' ), wp_date( get_option( 'date_format' ), $delivered ) );
		}
		if ( $entry ) {
			return __( 'Confirmed; waiting to be delivered to Lethe (see Settings → Lethe).', 'lethe-privacy' );
		}
		return __( 'Not forwarded to Lethe: the person has not confirmed it.', 'lethe-privacy' );
	}

	/**
	 * The exporter: one group "Lethe" per request of the person.
	 *
	 * @param string $email The e-mail address.
	 * @param int    $page  The page (one is all).
	 * @return array
	 */
	public static function export( $email, $page = 1 ) {
		$data = array();
		foreach ( self::requests( $email ) as $post ) {
			$kind   = 'remove_personal_data' === $post->post_name ? __( 'Erasure of personal data', 'lethe-privacy' ) : __( 'Export of personal data', 'lethe-privacy' );
			$data[] = array(
				'group_id'          => 'lethe',
				'group_label'       => __( 'Lethe', 'lethe-privacy' ),
				'group_description' => __( 'This shop answers privacy requests with Lethe: Lethe collects the personal data from the shop\'s systems (orders, customer account, reviews and more) and sends the answer to the person. What Lethe finds is not part of this file.', 'lethe-privacy' ),
				'item_id'           => 'lethe-request-' . $post->ID,
				'data'              => array(
					array(
						'name'  => __( 'Request', 'lethe-privacy' ),
						'value' => $kind,
					),
					array(
						'name'  => __( 'Status at Lethe', 'lethe-privacy' ),
						'value' => self::status( $post ),
					),
				),
			);
		}
		return array(
			'data' => $data,
			'done' => true,
		);
	}

	/**
	 * The eraser: nothing is erased here; Lethe erases in the shop's
	 * systems and keeps what the law requires.
	 *
	 * @param string $email The e-mail address.
	 * @param int    $page  The page (one is all).
	 * @return array
	 */
	public static function erase( $email, $page = 1 ) {
		return array(
			'items_removed'  => false,
			'items_retained' => true,
			'messages'       => array( __( 'Lethe erases this person\'s data in the shop\'s systems (WooCommerce orders, customer account, reviews, comments) once the person confirmed the erasure request, keeps what tax and commercial law require restricted, and confirms it to the person. This eraser itself removes nothing.', 'lethe-privacy' ) ),
			'done'           => true,
		);
	}
}
