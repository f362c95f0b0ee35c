<?php
/**
 * Plugin Name: Affiliate Agent e2e — quick push retry
 * Description: Queued content pushes are retried after 2 seconds (the plugin waits 1 minute, then doubles), so a test can watch WP-Cron send them.
 *
 * @package AffiliateAgent
 */

add_filter(
	'affiliate_agent_push_retry_delay',
	static function () {
		return 2;
	}
);
