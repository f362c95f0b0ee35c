import type { ActionDefinitionInput } from '../../contract/action-definition';

export const affiliateApplicationTemplate: ActionDefinitionInput = {
  key: 'affiliate-application',
  name: 'Affiliate application',
  description:
    'Use when the visitor wants to join, apply to or sign up for the affiliate or partner program, become an affiliate, or promote our products for a commission.',
  examplePhrases: [
    'I want to become an affiliate',
    'How do I join your affiliate program?',
    'Can I apply to be a partner?',
    'sign me up for the referral program',
    'I would like to promote your products',
  ],
  fields: [
    { key: 'name', label: 'Name', type: 'text', required: true, question: 'What is your name?', validation: { minLength: 2, maxLength: 100 } },
    { key: 'email', label: 'Email', type: 'email', required: true, question: 'What email address should we use for your affiliate account?' },
    {
      key: 'platform',
      label: 'Main platform',
      type: 'enum',
      required: true,
      question: 'Where do you mainly promote: YouTube, Instagram, TikTok, a blog or website, a newsletter, or something else?',
      options: [
        { value: 'youtube', label: 'YouTube', synonyms: ['yt', 'youtube channel', 'channel'] },
        { value: 'instagram', label: 'Instagram', synonyms: ['ig', 'insta'] },
        { value: 'tiktok', label: 'TikTok', synonyms: ['tik tok'] },
        { value: 'blog', label: 'Blog or website', synonyms: ['website', 'site', 'blog', 'content site', 'niche site'] },
        { value: 'newsletter', label: 'Newsletter', synonyms: ['email list', 'substack', 'mailing list'] },
        { value: 'other', label: 'Other', synonyms: ['something else', 'podcast', 'facebook', 'twitter', 'x'] },
      ],
    },
    {
      key: 'audience_size',
      label: 'Audience size',
      type: 'number',
      required: true,
      question: 'Roughly how many followers, subscribers or monthly visitors do you have?',
      validation: { min: 0, max: 1_000_000_000 },
    },
    {
      key: 'traffic_source',
      label: 'Traffic source',
      type: 'enum',
      required: true,
      question: 'How will you mostly send us traffic: organic content, SEO, paid ads, email, or coupons and deals?',
      options: [
        { value: 'organic_social', label: 'Organic social content', synonyms: ['organic', 'social', 'videos', 'posts', 'content'] },
        { value: 'seo', label: 'SEO / search', synonyms: ['search', 'google', 'reviews', 'articles'] },
        { value: 'paid_ads', label: 'Paid ads', synonyms: ['ads', 'ppc', 'facebook ads', 'google ads', 'paid'] },
        { value: 'email', label: 'Email', synonyms: ['newsletter', 'email list'] },
        { value: 'coupons', label: 'Coupons and deals', synonyms: ['coupon', 'deals', 'discount codes', 'cashback'] },
      ],
    },
    { key: 'website', label: 'Website or profile', type: 'url', required: false, question: 'What is the link to your channel, profile or website? (optional)' },
    {
      key: 'consent',
      label: 'Consent',
      type: 'consent',
      required: true,
      question: 'May we store these details to review your application and contact you about the program? (yes/no)',
      consentText: 'I agree that my details are stored to review my affiliate application and that the program team may contact me about it.',
    },
  ],
  confirmation: { required: true, intro: 'Here is your application. Shall I submit it?' },
  qualification: {
    rules: [
      { label: 'Audience of 100k or more', field: 'audience_size', operator: 'gte', value: 100000, points: 50, tags: ['influencer'] },
      { label: 'Audience of 10k to 100k', field: 'audience_size', operator: 'between', value: [10000, 99999], points: 25, tags: [] },
      { label: 'Audience under 1,000', field: 'audience_size', operator: 'lt', value: 1000, points: 0, tags: ['beginner'] },
      { label: 'Video or social creator', field: 'platform', operator: 'in', value: ['youtube', 'instagram', 'tiktok'], points: 10, tags: [] },
      { label: 'Content site', field: 'platform', operator: 'equals', value: 'blog', points: 15, tags: ['content site'] },
      { label: 'SEO traffic', field: 'traffic_source', operator: 'equals', value: 'seo', points: 10, tags: [] },
      { label: 'Coupon traffic needs review', field: 'traffic_source', operator: 'equals', value: 'coupons', points: -20, tags: ['coupon'] },
      { label: 'Has a website or profile', field: 'website', operator: 'is_set', points: 5, tags: [] },
    ],
    thresholds: [
      { minScore: 50, route: 'priority', tags: ['top partner'] },
      { minScore: 10, route: 'standard', tags: [] },
    ],
    defaultRoute: 'review',
  },
  steps: [
    { id: 'affiliatewp', type: 'affiliatewp_application', label: 'Create pending affiliate in AffiliateWP', config: {} },
    { id: 'notify', type: 'notify_manager', label: 'Notify the affiliate manager', config: { recipients: [] } },
    {
      id: 'acknowledge',
      type: 'email',
      label: 'Acknowledge the applicant',
      config: {
        to: 'applicant',
        subject: 'We received your affiliate application',
        body: 'Hi {{name}},\n\nthanks for applying to our affiliate program. We review every application by hand and will get back to you at {{email}} soon.',
      },
    },
  ],
  completionMessage: 'Thanks {{name}}! Your application is in. We will email you at {{email}} once it has been reviewed.',
};
