<?php
/**
 * What the chat block needs to know about its agent at render time.
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Support;

use AffiliateAgent\Rest\Block_Agents_Controller;
use AffiliateAgent\Roles\Capabilities;
use AffiliateAgent\Service\Service_Client;

defined( 'ABSPATH' ) || exit;

/**
 * The block renders its bubble from data already in the page (title, colour, position, avatar,
 * greeting), so the panel opens without waiting for the service. Those display fields come from
 * the service's agent list, the same list and the same picked fields as the editor's
 * `block-agents` route, kept in a transient for a few minutes so page views do not each ask.
 *
 * Outcomes: `ok` (the agent and its display fields), `disabled` or `missing` (render nothing),
 * `unreachable` (the service did not answer: the block shows a friendly notice and the owner's
 * contact link from the last list that arrived). A failed fetch is remembered for a minute, so
 * a service that is down costs one short timeout a minute, not one per page view.
 */
class Chat_Agents {

	const CACHE_KEY      = 'affiliate_agent_chat_agents';
	const LAST_KNOWN_KEY = 'affiliate_agent_chat_agents_last_known';
	const FRESH_SECONDS  = 300;
	const RETRY_SECONDS  = 60;

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
	 * The `affiliate_agent_chat_agent` filter render.php applies.
	 *
	 * @param mixed  $found    Earlier answer (null).
	 * @param string $agent_id Agent id from the block.
	 * @return array{status: string, agent: array<string, mixed>|null}
	 */
	public function lookup( $found, $agent_id ) {
		$cached = get_transient( self::CACHE_KEY );
		if ( ! is_array( $cached ) ) {
			$cached = $this->fetch();
			set_transient( self::CACHE_KEY, $cached, $cached['reachable'] ? self::FRESH_SECONDS : self::RETRY_SECONDS );
		}
		$agents = $cached['reachable'] ? $cached['agents'] : get_option( self::LAST_KNOWN_KEY, array() );
		$agent  = null;
		foreach ( is_array( $agents ) ? $agents : array() as $candidate ) {
			if ( isset( $candidate['id'] ) && $candidate['id'] === $agent_id ) {
				$agent = $candidate;
			}
		}
		if ( ! $cached['reachable'] ) {
			return array(
				'status' => 'unreachable',
				'agent'  => $agent,
			);
		}
		if ( null === $agent ) {
			return array(
				'status' => 'missing',
				'agent'  => null,
			);
		}
		return array(
			'status' => empty( $agent['enabled'] ) ? 'disabled' : 'ok',
			'agent'  => $agent,
		);
	}

	/**
	 * Forgets the cached list, so a saved agent shows its new appearance at once.
	 */
	public static function flush() {
		delete_transient( self::CACHE_KEY );
	}

	/**
	 * Flushes the list after the admin app changed an agent (`rest_request_after_callbacks`).
	 *
	 * @param mixed            $response Response.
	 * @param mixed            $handler  Route handler.
	 * @param \WP_REST_Request $request  Request.
	 * @return mixed The response, unchanged.
	 */
	public static function flush_after_agent_change( $response, $handler, $request ) {
		if ( $request instanceof \WP_REST_Request && 'GET' !== $request->get_method() && 0 === strpos( $request->get_route(), '/affiliate-agent/v1/admin/agents' ) ) {
			self::flush();
		}
		return $response;
	}

	/**
	 * One short signed request for the agent list; never throws.
	 *
	 * @return array{reachable: bool, agents: array<int, array<string, mixed>>}
	 */
	private function fetch() {
		try {
			$answer = $this->service->json( 'GET', '/v1/agents', array(), null, 0, array( Capabilities::REVIEW_LEADS ), array( 'timeout' => 3 ) );
			$raw    = is_array( $answer ) && isset( $answer['agents'] ) && is_array( $answer['agents'] ) ? $answer['agents'] : array();
			$agents = Block_Agents_Controller::display_fields( $raw );
			// The owner's contact link, shown as the fallback when the service is down later.
			$contact = array();
			foreach ( $raw as $agent ) {
				if ( is_array( $agent ) && isset( $agent['id'], $agent['contactUrl'] ) ) {
					$contact[ (string) $agent['id'] ] = (string) $agent['contactUrl'];
				}
			}
			foreach ( $agents as $index => $agent ) {
				$agents[ $index ]['contactUrl'] = isset( $contact[ $agent['id'] ] ) ? $contact[ $agent['id'] ] : '';
			}
			update_option( self::LAST_KNOWN_KEY, $agents, false );
			return array(
				'reachable' => true,
				'agents'    => $agents,
			);
		} catch ( \Exception $error ) {
			return array(
				'reachable' => false,
				'agents'    => array(),
			);
		}
	}
}
