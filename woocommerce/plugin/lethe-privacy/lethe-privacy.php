<?php
/**
 * Plugin Name:       Lethe Privacy
 * Plugin URI:        https://github.com/lethe-gdpr/lethe
 * Description:       Forwards the privacy requests people confirm in WordPress (export and erasure of personal data) to Lethe, which answers them from the shop's systems, and lets Lethe find and erase what WooCommerce's REST API cannot reach — without touching invoices.
 * Version:           1.0.0
 * Requires at least: 5.8
 * Requires PHP:      7.4
 * Author:            Lethe
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       lethe-privacy
 * Domain Path:       /languages
 * WC requires at least: 7.0
 * WC tested up to:   10.3
 *
 * @package Lethe_Privacy
 */

/*
 * Copyright (C) the Lethe authors.
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the Free
 * Software Foundation; either version 2 of the License, or (at your option)
 * any later version.
 *
 * This program is distributed in the hope that it will be useful, but WITHOUT
 * ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or
 * FITNESS FOR A PARTICULAR PURPOSE. See the GNU General Public License for
 * more details.
 */

defined( 'ABSPATH' ) || exit;

define( 'LETHE_PRIVACY_VERSION', '1.0.0' );
define( 'LETHE_PRIVACY_FILE', __FILE__ );
define( 'LETHE_PRIVACY_DIR', plugin_dir_path( __FILE__ ) );

require_once LETHE_PRIVACY_DIR . 'includes/class-lethe-privacy-settings.php';
require_once LETHE_PRIVACY_DIR . 'includes/class-lethe-privacy-signature.php';
require_once LETHE_PRIVACY_DIR . 'includes/class-lethe-privacy-queue.php';
require_once LETHE_PRIVACY_DIR . 'includes/class-lethe-privacy-find.php';
require_once LETHE_PRIVACY_DIR . 'includes/class-lethe-privacy-erase.php';
require_once LETHE_PRIVACY_DIR . 'includes/class-lethe-privacy-rest.php';
require_once LETHE_PRIVACY_DIR . 'includes/class-lethe-privacy-tools.php';
require_once LETHE_PRIVACY_DIR . 'includes/class-lethe-privacy-admin.php';

// WooCommerce's order tables (HPOS) and the posts table alike: orders are
// read and written only through WooCommerce's CRUD objects.
add_action(
	'before_woocommerce_init',
	function () {
		if ( class_exists( '\Automattic\WooCommerce\Utilities\FeaturesUtil' ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', LETHE_PRIVACY_FILE, true );
		}
	}
);

add_action(
	'init',
	function () {
		load_plugin_textdomain( 'lethe-privacy', false, dirname( plugin_basename( LETHE_PRIVACY_FILE ) ) . '/languages' );
	}
);

// After WordPress marked the request confirmed (priority 10).
add_action( 'user_request_action_confirmed', array( 'Lethe_Privacy_Queue', 'confirmed' ), 20 );
add_action( Lethe_Privacy_Queue::CRON_HOOK, array( 'Lethe_Privacy_Queue', 'run' ) );
add_action( 'rest_api_init', array( 'Lethe_Privacy_REST', 'register' ) );
// WooCommerce's analytics import rewrites a row from a kept order; a row
// Lethe anonymized stays anonymized.
add_action( 'woocommerce_analytics_update_customer', array( 'Lethe_Privacy_Erase', 'reanonymize' ) );
add_filter( 'wp_privacy_personal_data_exporters', array( 'Lethe_Privacy_Tools', 'exporters' ) );
add_filter( 'wp_privacy_personal_data_erasers', array( 'Lethe_Privacy_Tools', 'erasers' ) );

if ( is_admin() ) {
	Lethe_Privacy_Admin::hooks();
}

register_activation_hook( __FILE__, array( 'Lethe_Privacy_Queue', 'schedule' ) );
register_deactivation_hook(
	__FILE__,
	function () {
		// The queue stays: it is delivered once the plugin runs again.
		wp_clear_scheduled_hook( Lethe_Privacy_Queue::CRON_HOOK );
	}
);
