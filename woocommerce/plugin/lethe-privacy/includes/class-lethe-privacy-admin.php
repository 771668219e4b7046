<?php
/**
 * The settings page (Settings → Lethe): the webhook URL and the secret
 * from Lethe's panel, and the delivery queue.
 *
 * @package Lethe_Privacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * The admin side.
 */
class Lethe_Privacy_Admin {
	const PAGE = 'lethe-privacy';

	/**
	 * Adds the admin hooks.
	 */
	public static function hooks() {
		add_action( 'admin_menu', array( __CLASS__, 'menu' ) );
		add_action( 'admin_init', array( __CLASS__, 'settings' ) );
		add_action( 'admin_post_lethe_privacy_deliver', array( __CLASS__, 'deliver_now' ) );
		add_action( 'update_option_' . Lethe_Privacy_Settings::OPTION, array( __CLASS__, 'saved' ) );
		add_action( 'add_option_' . Lethe_Privacy_Settings::OPTION, array( __CLASS__, 'saved' ) );
	}

	/**
	 * Settings → Lethe.
	 */
	public static function menu() {
		add_options_page( __( 'Lethe', 'lethe-privacy' ), __( 'Lethe', 'lethe-privacy' ), 'manage_options', self::PAGE, array( __CLASS__, 'render' ) );
	}

	/**
	 * Registers the option with its sanitizer (the Settings API checks the
	 * capability and the nonce on saving); makes sure a waiting queue has
	 * its cron event.
	 */
	public static function settings() {
		register_setting(
			self::PAGE,
			Lethe_Privacy_Settings::OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => array( 'Lethe_Privacy_Settings', 'sanitize' ),
				'show_in_rest'      => false,
				'default'           => array(),
			)
		);
		if ( ! wp_next_scheduled( Lethe_Privacy_Queue::CRON_HOOK ) ) {
			Lethe_Privacy_Queue::schedule();
		}
	}

	/**
	 * New settings: what waits is delivered now.
	 */
	public static function saved() {
		if ( Lethe_Privacy_Settings::configured() ) {
			Lethe_Privacy_Queue::due_now();
		}
	}

	/**
	 * The "Deliver now" button (admin-post.php).
	 */
	public static function deliver_now() {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'You are not allowed to do this.', 'lethe-privacy' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( 'lethe_privacy_deliver' );
		$n = Lethe_Privacy_Queue::run( true );
		wp_safe_redirect( add_query_arg( array( 'page' => self::PAGE, 'lethe_delivered' => $n ), admin_url( 'options-general.php' ) ) );
		exit;
	}

	/**
	 * A date and time in the site's format, or a dash.
	 *
	 * @param int $t Unix time.
	 * @return string
	 */
	private static function when( $t ) {
		if ( ! $t ) {
			return '–';
		}
		return wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), (int) $t );
	}

	/**
	 * The page.
	 */
	public static function render() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$settings = Lethe_Privacy_Settings::get();
		$queue    = Lethe_Privacy_Queue::all();
		$status   = get_option( Lethe_Privacy_Queue::STATUS, array() );
		$status   = is_array( $status ) ? $status : array();
		?>
		<div class="wrap">
		<h1><?php esc_html_e( 'Lethe', 'lethe-privacy' ); ?></h1>
		<?php settings_errors( Lethe_Privacy_Settings::OPTION ); ?>
		<?php if ( isset( $_GET['lethe_delivered'] ) ) : // phpcs:ignore WordPress.Security.NonceVerification.Recommended ?>
			<div class="notice notice-info"><p>
			<?php
			/* translators: %d: number of requests. */
			echo esc_html( sprintf( _n( '%d request delivered to Lethe.', '%d requests delivered to Lethe.', absint( $_GET['lethe_delivered'] ), 'lethe-privacy' ), absint( $_GET['lethe_delivered'] ) ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended
			?>
			</p></div>
		<?php endif; ?>
		<p><?php esc_html_e( 'Lethe answers the privacy requests of this shop (access and erasure, Art. 15 and 17 GDPR) from its systems. When a person confirms a request with WordPress\'s confirmation link, this plugin forwards it to Lethe; Lethe tells the plugin when the request is done.', 'lethe-privacy' ); ?></p>
		<p><?php esc_html_e( 'Paste the webhook URL and the secret from Lethe (Settings → Connected systems).', 'lethe-privacy' ); ?></p>
		<form method="post" action="<?php echo esc_url( admin_url( 'options.php' ) ); ?>">
			<?php settings_fields( self::PAGE ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="lethe-webhook-url"><?php esc_html_e( 'Webhook URL', 'lethe-privacy' ); ?></label></th>
					<td><input type="url" class="large-text code" id="lethe-webhook-url" name="<?php echo esc_attr( Lethe_Privacy_Settings::OPTION ); ?>[webhook_url]" value="<?php echo esc_attr( $settings['webhook_url'] ); ?>" placeholder="https://lethe.example/webhooks/woocommerce/1"></td>
				</tr>
				<tr>
					<th scope="row"><label for="lethe-secret"><?php esc_html_e( 'Secret', 'lethe-privacy' ); ?></label></th>
					<td><input type="password" class="regular-text code" id="lethe-secret" name="<?php echo esc_attr( Lethe_Privacy_Settings::OPTION ); ?>[secret]" value="" autocomplete="off" aria-describedby="lethe-secret-hint">
					<p class="description" id="lethe-secret-hint">
					<?php
					if ( '' !== $settings['secret'] ) {
						esc_html_e( 'A secret is saved. Leave the field empty to keep it.', 'lethe-privacy' );
					} else {
						esc_html_e( 'No secret is saved yet.', 'lethe-privacy' );
					}
					?>
					</p></td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>

		<h2><?php esc_html_e( 'Delivery to Lethe', 'lethe-privacy' ); ?></h2>
		<p>
		<?php
		/* translators: %d: number of requests. */
		echo esc_html( sprintf( _n( '%d confirmed request is waiting to be delivered.', '%d confirmed requests are waiting to be delivered.', count( $queue ), 'lethe-privacy' ), count( $queue ) ) );
		echo ' ';
		/* translators: %s: date and time. */
		echo esc_html( sprintf( __( 'Last delivery: %s.', 'lethe-privacy' ), self::when( isset( $status['last_delivered'] ) ? $status['last_delivered'] : 0 ) ) );
		?>
		</p>
		<?php if ( ! empty( $status['last_error'] ) ) : ?>
			<p>
			<?php
			/* translators: 1: date and time, 2: the error. */
			echo esc_html( sprintf( __( 'Last error (%1$s): %2$s', 'lethe-privacy' ), self::when( isset( $status['last_error_at'] ) ? $status['last_error_at'] : 0 ), $status['last_error'] ) );
			?>
			</p>
		<?php endif; ?>
		<?php if ( $queue ) : ?>
			<table class="widefat striped">
				<thead><tr>
					<th scope="col"><?php esc_html_e( 'Request', 'lethe-privacy' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Type', 'lethe-privacy' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Attempts', 'lethe-privacy' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Last error', 'lethe-privacy' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Next try', 'lethe-privacy' ); ?></th>
				</tr></thead>
				<tbody>
				<?php foreach ( $queue as $entry ) : ?>
					<tr>
						<td>#<?php echo esc_html( (string) (int) $entry['request_id'] ); ?></td>
						<td><?php echo esc_html( 'remove_personal_data' === $entry['action'] ? __( 'Erasure', 'lethe-privacy' ) : __( 'Export', 'lethe-privacy' ) ); ?></td>
						<td><?php echo esc_html( (string) (int) $entry['attempts'] ); ?></td>
						<td><?php echo esc_html( '' !== $entry['last_error'] ? $entry['last_error'] : '–' ); ?></td>
						<td><?php echo esc_html( self::when( $entry['next_try'] ) ); ?></td>
					</tr>
				<?php endforeach; ?>
				</tbody>
			</table>
			<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>">
				<input type="hidden" name="action" value="lethe_privacy_deliver">
				<?php wp_nonce_field( 'lethe_privacy_deliver' ); ?>
				<?php submit_button( __( 'Deliver now', 'lethe-privacy' ), 'secondary' ); ?>
			</form>
		<?php endif; ?>
		</div>
		<?php
	}
}
