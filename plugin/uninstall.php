<?php
/**
 * Removes what the plugin stored in WordPress: its options, its role and its capabilities.
 *
 * The service keeps its own data (agents, actions, conversations, leads, knowledge, usage) in
 * its SQLite file; deleting the plugin does not reach into it. readme.txt says how to remove it.
 *
 * @package AffiliateAgent
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

foreach ( array(
	'affiliate_agent_service_url',
	'affiliate_agent_public_service_url',
	'affiliate_agent_shared_secret',
	'affiliate_agent_roles_version',
	'affiliate_agent_setup_playground_tried',
	'affiliate_agent_site_bubble',
	'affiliate_agent_content_selection',
	'affiliate_agent_push_queue',
) as $affiliate_agent_option ) {
	delete_option( $affiliate_agent_option );
}

// Short-lived state: rate-limit counters, used nonces, flash messages and connection reports.
global $wpdb;
$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API deletes transients by prefix.
	"DELETE FROM {$wpdb->options} WHERE option_name LIKE '\_transient\_aa\_%' OR option_name LIKE '\_transient\_timeout\_aa\_%' OR option_name LIKE '\_transient\_affiliate\_agent\_%' OR option_name LIKE '\_transient\_timeout\_affiliate\_agent\_%'"
);

wp_clear_scheduled_hook( 'affiliate_agent_retry_content_pushes' );

remove_role( 'aa_affiliate_manager' );
foreach ( wp_roles()->role_objects as $affiliate_agent_role ) {
	$affiliate_agent_role->remove_cap( 'aa_manage_agents' );
	$affiliate_agent_role->remove_cap( 'aa_review_leads' );
}
