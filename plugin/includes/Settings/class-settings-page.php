<?php
/**
 * Settings → Affiliate Agent: service URL, shared secret, connection test.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Settings;

use AffiliateAgent\Roles\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * A plain PHP form, not part of the admin app: connecting must work before the service (which
 * the app talks to) is reachable. The secret is never printed back after saving, except once,
 * right after this screen generated it, so the owner can copy it into AA_SHARED_SECRET.
 */
class Settings_Page {

	const SLUG = 'affiliate-agent-settings';

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Connection tester.
	 *
	 * @var Connection_Tester
	 */
	private $tester;

	/**
	 * Constructor.
	 *
	 * @param Settings          $settings Settings.
	 * @param Connection_Tester $tester   Tester.
	 */
	public function __construct( Settings $settings, Connection_Tester $tester ) {
		$this->settings = $settings;
		$this->tester   = $tester;
	}

	/**
	 * Adds Settings → Affiliate Agent.
	 */
	public function add_menu() {
		add_options_page(
			__( 'Affiliate Agent settings', 'affiliate-agent' ),
			__( 'Affiliate Agent', 'affiliate-agent' ),
			Capabilities::MANAGE_AGENTS,
			self::SLUG,
			array( $this, 'render' )
		);
	}

	/**
	 * URL of this screen.
	 *
	 * @param array<string,string> $args Extra query arguments.
	 * @return string
	 */
	public static function url( array $args = array() ) {
		return add_query_arg( array_merge( array( 'page' => self::SLUG ), $args ), admin_url( 'options-general.php' ) );
	}

	/**
	 * "Settings" link on the Plugins screen.
	 *
	 * @param string[] $links Links.
	 * @return string[]
	 */
	public function action_links( $links ) {
		if ( current_user_can( Capabilities::MANAGE_AGENTS ) ) {
			array_unshift( $links, '<a href="' . esc_url( self::url() ) . '">' . esc_html__( 'Settings', 'affiliate-agent' ) . '</a>' );
		}
		return $links;
	}

	/**
	 * Reminds administrators to connect, except on the settings screen itself.
	 */
	public function notice_when_not_connected() {
		if ( $this->settings->is_configured() || ! current_user_can( Capabilities::MANAGE_AGENTS ) ) {
			return;
		}
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( $screen && 'settings_page_' . self::SLUG === $screen->id ) {
			return;
		}
		printf(
			'<div class="notice notice-warning"><p>%s <a href="%s">%s</a></p></div>',
			esc_html__( 'Affiliate Agent is not connected to its service yet.', 'affiliate-agent' ),
			esc_url( self::url() ),
			esc_html__( 'Connect it now', 'affiliate-agent' )
		);
	}

	/**
	 * Renders the screen.
	 */
	public function render() {
		if ( ! current_user_can( Capabilities::MANAGE_AGENTS ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage Affiliate Agent.', 'affiliate-agent' ), 403 );
		}
		$user_id   = get_current_user_id();
		$flash     = get_transient( 'affiliate_agent_flash_' . $user_id );
		$generated = get_transient( 'affiliate_agent_generated_secret_' . $user_id );
		$report    = get_transient( 'affiliate_agent_connection_report_' . $user_id );
		delete_transient( 'affiliate_agent_flash_' . $user_id );
		delete_transient( 'affiliate_agent_generated_secret_' . $user_id );
		delete_transient( 'affiliate_agent_connection_report_' . $user_id );
		$secret = $this->settings->shared_secret();
		?>
		<div class="wrap">
			<h1><?php esc_html_e( 'Affiliate Agent settings', 'affiliate-agent' ); ?></h1>
			<?php if ( is_array( $flash ) ) : ?>
				<div class="notice notice-<?php echo esc_attr( 'error' === $flash['type'] ? 'error' : 'success' ); ?> is-dismissible"><p><?php echo esc_html( $flash['message'] ); ?></p></div>
			<?php endif; ?>
			<?php if ( is_string( $generated ) && '' !== $generated ) : ?>
				<div class="notice notice-info">
					<p><strong><?php esc_html_e( 'New shared secret — copy it now, it will not be shown again:', 'affiliate-agent' ); ?></strong></p>
					<p><code id="affiliate-agent-generated-secret"><?php echo esc_html( $generated ); ?></code></p>
					<p><?php esc_html_e( 'Start the service with this value in its AA_SHARED_SECRET environment variable.', 'affiliate-agent' ); ?></p>
				</div>
			<?php endif; ?>
			<?php if ( is_array( $report ) ) : ?>
				<?php $this->render_report( $report ); ?>
			<?php endif; ?>

			<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>">
				<input type="hidden" name="action" value="affiliate_agent_save_settings" />
				<?php wp_nonce_field( 'affiliate_agent_save_settings' ); ?>
				<table class="form-table" role="presentation">
					<tr>
						<th scope="row"><label for="affiliate-agent-service-url"><?php esc_html_e( 'Service URL', 'affiliate-agent' ); ?></label></th>
						<td>
							<input type="url" class="regular-text code" id="affiliate-agent-service-url" name="service_url" value="<?php echo esc_attr( $this->settings->service_url() ); ?>" placeholder="https://agent.example.com" <?php disabled( $this->settings->is_pinned( 'service_url' ) ); ?> />
							<p class="description"><?php esc_html_e( 'Where WordPress reaches the Affiliate Agent service, for example http://127.0.0.1:8787.', 'affiliate-agent' ); ?></p>
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="affiliate-agent-public-service-url"><?php esc_html_e( 'Public service URL', 'affiliate-agent' ); ?></label></th>
						<td>
							<input type="url" class="regular-text code" id="affiliate-agent-public-service-url" name="public_service_url" value="<?php echo esc_attr( (string) get_option( Settings::OPTION_PUBLIC_SERVICE_URL, '' ) ); ?>" <?php disabled( $this->settings->is_pinned( 'public_service_url' ) ); ?> />
							<p class="description"><?php esc_html_e( 'Optional. Where visitors\' browsers reach the service, when it differs from the URL above (for example behind a reverse proxy).', 'affiliate-agent' ); ?></p>
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="affiliate-agent-shared-secret"><?php esc_html_e( 'Shared secret', 'affiliate-agent' ); ?></label></th>
						<td>
							<?php if ( $this->settings->is_pinned( 'shared_secret' ) ) : ?>
								<p><?php esc_html_e( 'Set in wp-config.php (AFFILIATE_AGENT_SHARED_SECRET).', 'affiliate-agent' ); ?></p>
							<?php else : ?>
								<input type="password" class="regular-text code" id="affiliate-agent-shared-secret" name="shared_secret" value="" autocomplete="new-password" placeholder="<?php echo esc_attr( '' !== $secret ? Settings::mask( $secret ) : '' ); ?>" />
								<p class="description">
									<?php
									echo esc_html(
										'' !== $secret
											? __( 'A secret is saved (it is never shown). Leave empty to keep it, or paste a new one.', 'affiliate-agent' )
											: __( 'Paste the secret the service printed on its first start (also in its data directory, file shared-secret), or generate one here.', 'affiliate-agent' )
									);
									?>
								</p>
								<p><label><input type="checkbox" name="generate_secret" value="1" /> <?php esc_html_e( 'Generate a new secret (the service must then be started with it)', 'affiliate-agent' ); ?></label></p>
							<?php endif; ?>
						</td>
					</tr>
				</table>
				<?php submit_button( __( 'Save settings', 'affiliate-agent' ) ); ?>
			</form>

			<h2><?php esc_html_e( 'Connection', 'affiliate-agent' ); ?></h2>
			<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>">
				<input type="hidden" name="action" value="affiliate_agent_test_connection" />
				<?php wp_nonce_field( 'affiliate_agent_test_connection' ); ?>
				<p><?php esc_html_e( 'Checks that the service is reachable, reports its version and the clock difference, and sends one signed request.', 'affiliate-agent' ); ?></p>
				<?php submit_button( __( 'Test connection', 'affiliate-agent' ), 'secondary', 'submit', false ); ?>
			</form>
		</div>
		<?php
	}

	/**
	 * Renders a connection report.
	 *
	 * @param array<string,mixed> $report Report from Connection_Tester::run().
	 */
	private function render_report( array $report ) {
		/* translators: %d: clock difference in seconds. */
		$seconds = __( '%d s', 'affiliate-agent' );
		$rows    = array(
			__( 'Reachable', 'affiliate-agent' )          => $report['reachable'] ? __( 'yes', 'affiliate-agent' ) : __( 'no', 'affiliate-agent' ),
			__( 'Service version', 'affiliate-agent' )    => null !== $report['version'] ? $report['version'] : '—',
			__( 'Clock difference', 'affiliate-agent' )   => null !== $report['clockSkewSeconds'] ? sprintf( $seconds, $report['clockSkewSeconds'] ) : '—',
			__( 'Signature accepted', 'affiliate-agent' ) => true === $report['signatureAccepted'] ? __( 'yes', 'affiliate-agent' ) : ( false === $report['signatureAccepted'] ? __( 'no', 'affiliate-agent' ) : '—' ),
		);
		?>
		<div class="notice notice-<?php echo esc_attr( $report['ok'] ? 'success' : 'error' ); ?>" id="affiliate-agent-connection-report">
			<table class="widefat striped" style="max-width:40em;margin:.5em 0;">
				<?php foreach ( $rows as $label => $value ) : ?>
					<tr><th scope="row"><?php echo esc_html( $label ); ?></th><td><?php echo esc_html( (string) $value ); ?></td></tr>
				<?php endforeach; ?>
			</table>
			<?php foreach ( $report['messages'] as $message ) : ?>
				<p><?php echo esc_html( $message ); ?></p>
			<?php endforeach; ?>
		</div>
		<?php
	}

	/**
	 * Saves the form (admin-post.php).
	 */
	public function handle_save() {
		if ( ! current_user_can( Capabilities::MANAGE_AGENTS ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage Affiliate Agent.', 'affiliate-agent' ), 403 );
		}
		check_admin_referer( 'affiliate_agent_save_settings' );
		$user_id = get_current_user_id();
		$errors  = $this->apply_form( wp_unslash( $_POST ), $user_id ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- apply_form() validates each field.
		set_transient(
			'affiliate_agent_flash_' . $user_id,
			$errors
				? array( 'type' => 'error', 'message' => implode( ' ', $errors ) )
				: array( 'type' => 'success', 'message' => __( 'Settings saved.', 'affiliate-agent' ) ),
			MINUTE_IN_SECONDS
		);
		wp_safe_redirect( self::url() );
		exit;
	}

	/**
	 * Validates and saves the submitted form; returns what could not be saved.
	 *
	 * @param array $form    Unslashed $_POST.
	 * @param int   $user_id Current user, to show a generated secret to them once.
	 * @return string[] Error messages.
	 */
	public function apply_form( array $form, $user_id ) {
		$errors = array();
		if ( ! $this->settings->is_pinned( 'service_url' ) ) {
			$raw_url    = isset( $form['service_url'] ) ? sanitize_text_field( (string) $form['service_url'] ) : '';
			$raw_public = isset( $form['public_service_url'] ) ? sanitize_text_field( (string) $form['public_service_url'] ) : '';
			$url        = '' === $raw_url ? '' : Settings::normalize_url( $raw_url );
			$public     = '' === $raw_public ? '' : Settings::normalize_url( $raw_public );
			if ( null === $url || null === $public ) {
				$errors[] = __( 'Service URLs must start with http:// or https:// and have no query string.', 'affiliate-agent' );
			} else {
				$this->settings->save_urls( $url, $public );
			}
		}
		if ( ! $this->settings->is_pinned( 'shared_secret' ) ) {
			// A secret is not text to sanitise: any character may be part of it; only trim whitespace.
			$raw_secret = isset( $form['shared_secret'] ) ? trim( (string) $form['shared_secret'] ) : '';
			if ( ! empty( $form['generate_secret'] ) ) {
				$secret = Settings::generate_secret();
				$this->settings->save_secret( $secret );
				set_transient( 'affiliate_agent_generated_secret_' . $user_id, $secret, 5 * MINUTE_IN_SECONDS );
			} elseif ( '' !== $raw_secret ) {
				if ( strlen( $raw_secret ) < Settings::MIN_SECRET_LENGTH || preg_match( '/\s/', $raw_secret ) ) {
					/* translators: %d: minimum length. */
					$errors[] = sprintf( __( 'The shared secret must be at least %d characters without spaces; the saved secret was kept.', 'affiliate-agent' ), Settings::MIN_SECRET_LENGTH );
				} else {
					$this->settings->save_secret( $raw_secret );
				}
			}
		}
		return $errors;
	}

	/**
	 * Runs the connection test (admin-post.php) and shows the report on the screen.
	 */
	public function handle_test() {
		if ( ! current_user_can( Capabilities::MANAGE_AGENTS ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to manage Affiliate Agent.', 'affiliate-agent' ), 403 );
		}
		check_admin_referer( 'affiliate_agent_test_connection' );
		$user_id = get_current_user_id();
		set_transient( 'affiliate_agent_connection_report_' . $user_id, $this->tester->run( $user_id ), MINUTE_IN_SECONDS );
		wp_safe_redirect( self::url() );
		exit;
	}
}
