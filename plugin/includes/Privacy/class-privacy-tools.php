<?php
/**
 * Personal data export and erasure for leads and conversations held by the service.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Privacy;

use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Service\Service_Client;

defined( 'ABSPATH' ) || exit;

/**
 * Hooks WordPress's Tools → Export/Erase Personal Data into the service, where the leads and
 * conversations live. WordPress has already checked the privacy capability of whoever runs the
 * request, so the plugin signs it with the agent-management capability the service requires.
 *
 * Service contract (server/src/privacy):
 * - `GET /v1/privacy/export?email=` → `{ "email", "items": [ { "group": "<label>", "id", "data": [ { "name", "value" } ] } ] }`
 * - `POST /v1/privacy/erase { "email" }` → `{ "email", "erased": { "<participant>": <count>, … },
 *   "anonymised": { "<participant>": <count> }, "retained": [ { "participant", "what", "why" } ] }`
 */
class Privacy_Tools {

	/**
	 * Service client.
	 *
	 * @var Service_Client
	 */
	private $service;

	/**
	 * Constructor.
	 *
	 * @param Service_Client $service Service client.
	 */
	public function __construct( Service_Client $service ) {
		$this->service = $service;
	}

	/**
	 * `wp_privacy_personal_data_exporters`.
	 *
	 * @param array $exporters Exporters.
	 * @return array
	 */
	public function register_exporter( $exporters ) {
		$exporters['affiliate-agent'] = array(
			'exporter_friendly_name' => __( 'Affiliate Agent leads and conversations', 'affiliate-agent' ),
			'callback'               => array( $this, 'export' ),
		);
		return $exporters;
	}

	/**
	 * `wp_privacy_personal_data_erasers`.
	 *
	 * @param array $erasers Erasers.
	 * @return array
	 */
	public function register_eraser( $erasers ) {
		$erasers['affiliate-agent'] = array(
			'eraser_friendly_name' => __( 'Affiliate Agent leads and conversations', 'affiliate-agent' ),
			'callback'             => array( $this, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * Exporter callback; the service answers everything in one page.
	 *
	 * @param string $email Email address.
	 * @param int    $page  Page (1-based).
	 * @return array{data: array, done: bool}|\WP_Error
	 */
	public function export( $email, $page = 1 ) {
		if ( ! $this->service->settings()->is_configured() ) {
			return array(
				'data' => array(),
				'done' => true,
			);
		}
		try {
			$answer = $this->service->json( 'GET', '/v1/privacy/export', array( 'email' => $email ), null, get_current_user_id(), Capabilities::all() );
		} catch ( \AffiliateAgent\Service\Service_Exception $error ) {
			return new \WP_Error( $error->error_code(), $error->getMessage() );
		}
		return array(
			'data' => self::export_items( is_array( $answer ) && isset( $answer['items'] ) ? $answer['items'] : array() ),
			'done' => true,
		);
	}

	/**
	 * Converts the service's items into WordPress export items, grouped by the service's labels.
	 *
	 * @param mixed $items Items from the service.
	 * @return array
	 */
	public static function export_items( $items ) {
		$data = array();
		foreach ( is_array( $items ) ? $items : array() as $item ) {
			if ( ! is_array( $item ) || ! isset( $item['group'], $item['id'] ) || ! is_string( $item['group'] ) ) {
				continue;
			}
			$fields = array();
			foreach ( isset( $item['data'] ) && is_array( $item['data'] ) ? $item['data'] : array() as $field ) {
				if ( is_array( $field ) && isset( $field['name'] ) ) {
					$value = isset( $field['value'] ) && is_scalar( $field['value'] ) ? (string) $field['value'] : (string) wp_json_encode( isset( $field['value'] ) ? $field['value'] : null );
					// Only a consent's value carries the service's words (Agreed/Declined); answers are the visitor's.
					if ( 0 === strpos( (string) $field['name'], 'Consent (' ) ) {
						$value = self::translated_value( $value );
					}
					$fields[] = array(
						'name'  => self::translated_label( (string) $field['name'] ),
						'value' => $value,
					);
				}
			}
			$data[] = array(
				'group_id'    => 'affiliate-agent-' . sanitize_key( str_replace( ' ', '-', $item['group'] ) ),
				'group_label' => self::translated_label( $item['group'] ),
				'item_id'     => 'affiliate-agent-' . sanitize_key( (string) $item['id'] ),
				'data'        => $fields,
			);
		}
		return $data;
	}

	/**
	 * One erase summary line, with the plural the count needs.
	 *
	 * @param string $participant The service's kind of record (leads, conversations, …).
	 * @param int    $count       How many were erased.
	 * @return string
	 */
	private static function erased_message( $participant, $count ) {
		if ( 'leads' === $participant ) {
			/* translators: %d: number of leads. */
			return sprintf( _n( 'Affiliate Agent erased %d lead.', 'Affiliate Agent erased %d leads.', $count, 'affiliate-agent' ), $count );
		}
		if ( 'conversations' === $participant ) {
			/* translators: %d: number of conversations. */
			return sprintf( _n( 'Affiliate Agent erased %d conversation.', 'Affiliate Agent erased %d conversations.', $count, 'affiliate-agent' ), $count );
		}
		/* translators: 1: number of records, 2: the service's name for the kind of record. */
		return sprintf( _n( 'Affiliate Agent erased %1$d record (%2$s).', 'Affiliate Agent erased %1$d records (%2$s).', $count, 'affiliate-agent' ), $count, sanitize_text_field( $participant ) );
	}

	/**
	 * The service names export groups and fields in English; the fixed ones are translated here
	 * (an action's own field labels are the owner's words and pass through).
	 *
	 * @param string $label Label from the service.
	 * @return string
	 */
	public static function translated_label( $label ) {
		$fixed = array(
			'Affiliate Agent leads'         => __( 'Affiliate Agent leads', 'affiliate-agent' ),
			'Affiliate Agent conversations' => __( 'Affiliate Agent conversations', 'affiliate-agent' ),
			'Submitted'                     => __( 'Submitted', 'affiliate-agent' ),
			'Tags'                          => __( 'Tags', 'affiliate-agent' ),
			'Status'                        => __( 'Status', 'affiliate-agent' ),
			'Page'                          => __( 'Page', 'affiliate-agent' ),
			'Started'                       => __( 'Started', 'affiliate-agent' ),
		);
		if ( isset( $fixed[ $label ] ) ) {
			return $fixed[ $label ];
		}
		if ( preg_match( '/^(Visitor|Assistant|Consent) \((.+)\)$/', $label, $parts ) ) {
			$who = array(
				/* translators: %s: date and time of the message. */
				'Visitor'   => __( 'Visitor (%s)', 'affiliate-agent' ),
				/* translators: %s: date and time of the message. */
				'Assistant' => __( 'Assistant (%s)', 'affiliate-agent' ),
				/* translators: %s: date and time the consent was given. */
				'Consent'   => __( 'Consent (%s)', 'affiliate-agent' ),
			);
			return sprintf( $who[ $parts[1] ], $parts[2] );
		}
		return $label;
	}

	/**
	 * Consent values start with Agreed or Declined (the service's words); the rest is the consent text as shown.
	 *
	 * @param string $value Value from the service.
	 * @return string
	 */
	private static function translated_value( $value ) {
		if ( preg_match( '/^(Agreed|Declined): (.*)$/s', $value, $parts ) ) {
			/* translators: %s: the consent text the visitor saw. */
			$format = 'Agreed' === $parts[1] ? __( 'Agreed: %s', 'affiliate-agent' ) : __( 'Declined: %s', 'affiliate-agent' );
			return sprintf( $format, $parts[2] );
		}
		return $value;
	}

	/**
	 * Eraser callback.
	 *
	 * @param string $email Email address.
	 * @param int    $page  Page (1-based).
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}|\WP_Error
	 */
	public function erase( $email, $page = 1 ) {
		$result = array(
			'items_removed'  => false,
			'items_retained' => false,
			'messages'       => array(),
			'done'           => true,
		);
		if ( ! $this->service->settings()->is_configured() ) {
			return $result;
		}
		try {
			$answer = $this->service->json( 'POST', '/v1/privacy/erase', array(), array( 'email' => $email ), get_current_user_id(), Capabilities::all() );
		} catch ( \AffiliateAgent\Service\Service_Exception $error ) {
			return new \WP_Error( $error->error_code(), $error->getMessage() );
		}
		$erased = is_array( $answer ) && isset( $answer['erased'] ) && is_array( $answer['erased'] ) ? $answer['erased'] : array();
		foreach ( $erased as $participant => $count ) {
			if ( (int) $count > 0 ) {
				$result['items_removed'] = true;
				$result['messages'][] = self::erased_message( (string) $participant, (int) $count );
			}
		}
		$anonymised = is_array( $answer ) && isset( $answer['anonymised'] ) && is_array( $answer['anonymised'] ) ? $answer['anonymised'] : array();
		foreach ( $anonymised as $participant => $count ) {
			if ( (int) $count > 0 ) {
				$result['items_removed'] = true;
				$result['messages'][] = 'conversations' === $participant
					/* translators: %d: number of conversations. */
					? sprintf( _n( 'Affiliate Agent removed the email address from %d conversation kept for other people.', 'Affiliate Agent removed the email address from %d conversations kept for other people.', (int) $count, 'affiliate-agent' ), (int) $count )
					/* translators: 1: number of records, 2: the service's name for the kind of record. */
					: sprintf( _n( 'Affiliate Agent removed the email address from %1$d record (%2$s) kept for other people.', 'Affiliate Agent removed the email address from %1$d records (%2$s) kept for other people.', (int) $count, 'affiliate-agent' ), (int) $count, sanitize_text_field( (string) $participant ) );
			}
		}
		// What already left the service (an AffiliateWP affiliate, sent mail) is reported, never hidden.
		$retained = is_array( $answer ) && isset( $answer['retained'] ) && is_array( $answer['retained'] ) ? $answer['retained'] : array();
		foreach ( $retained as $record ) {
			if ( is_array( $record ) && isset( $record['what'], $record['why'] ) && is_string( $record['what'] ) && is_string( $record['why'] ) ) {
				$result['items_retained'] = true;
				/* translators: 1: what was kept, 2: why it was kept. */
				$result['messages'][] = sprintf( __( 'Affiliate Agent retained %1$s: %2$s', 'affiliate-agent' ), sanitize_text_field( $record['what'] ), sanitize_text_field( $record['why'] ) );
			}
		}
		return $result;
	}

	/**
	 * Suggested privacy policy text.
	 */
	public function add_policy_text() {
		if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
			return;
		}
		wp_add_privacy_policy_content(
			__( 'Affiliate Agent', 'affiliate-agent' ),
			wp_kses_post(
				'<p>' . __( 'When you chat with our affiliate program assistant, the conversation and the details you submit (such as your name, email address and website) are stored by our Affiliate Agent service to answer you and to process your application. Your page address, referrer and campaign parameters are stored with it so we know where the application came from. You can ask us to export or erase this data.', 'affiliate-agent' ) . '</p>'
			)
		);
	}
}
