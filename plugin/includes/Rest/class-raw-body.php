<?php
/**
 * A non-JSON REST answer (the leads CSV export).
 *
 * @package AffiliateAgent
 */

namespace AffiliateAgent\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * WP_REST_Server JSON-encodes every response. The CSV export must reach the browser byte for
 * byte, so the proxy returns this object as response data and `rest_pre_serve_request` prints
 * it instead.
 */
class Raw_Body {

	/**
	 * Body bytes.
	 *
	 * @var string
	 */
	public $body;

	/**
	 * Content type.
	 *
	 * @var string
	 */
	public $content_type;

	/**
	 * Constructor.
	 *
	 * @param string $body         Body bytes.
	 * @param string $content_type Content type.
	 */
	public function __construct( $body, $content_type ) {
		$this->body         = (string) $body;
		$this->content_type = (string) $content_type;
	}

	/**
	 * `rest_pre_serve_request` filter.
	 *
	 * @param bool              $served  Whether the request was already served.
	 * @param \WP_HTTP_Response $result  Result.
	 * @param \WP_REST_Request  $request Request.
	 * @param \WP_REST_Server   $server  Server.
	 * @return bool
	 */
	public static function serve( $served, $result, $request, $server ) {
		if ( $served || ! $result instanceof \WP_HTTP_Response || ! $result->get_data() instanceof self ) {
			return $served;
		}
		$raw = $result->get_data();
		$server->send_header( 'Content-Type', $raw->content_type );
		echo $raw->body; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a CSV download from the service, not HTML.
		return true;
	}
}
