import { registerBlockType, type BlockConfiguration } from '@wordpress/blocks';
import metadata from './block.json';
import Edit, { type ChatAttributes } from './edit';
import './style.scss';

/**
 * Editor registration. The block is dynamic (render.php), so it saves nothing: changing the
 * markup later never invalidates blocks already in posts.
 */
registerBlockType<ChatAttributes>(metadata as unknown as BlockConfiguration<ChatAttributes>, {
  edit: Edit,
  save: () => null,
});
