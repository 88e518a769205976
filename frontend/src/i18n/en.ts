// English; the same keys as zh-CN.
import type zh from './zh-CN'

const en: typeof zh = {
  app: { name: 'Huoban', tagline: 'Buyer partnership CRM' },
  nav: {
    dashboard: 'Dashboard', buyers: 'Buyers', board: 'Stage board', match: 'Match', logCollab: 'Log collaboration', import: 'Import',
    goals: 'Goals', team: 'Team', tokens: 'API tokens', portal: 'My partnerships', signOut: 'Sign out', language: '中文', menu: 'Menu',
  },
  common: {
    loading: 'Loading…', retry: 'Retry', save: 'Save', saving: 'Saving…', cancel: 'Cancel', search: 'Search', all: 'All', loadMore: 'Load more', copy: 'Copy', copied: 'Copied',
    notAvailable: 'Coming soon: the server does not offer this yet.', errorPrefix: 'Something went wrong: ', optional: 'optional', view: 'View',
  },
  stage: { prospect: 'Prospect', trial: 'Trial', partner: 'Partner', core: 'Core partner', paused: 'Paused' },
  role: { owner: 'Owner', manager: 'Manager', analyst: 'Analyst', buyer: 'Buyer' },
  collabType: { livestream: 'Livestream', note: 'Note', shop_window: 'Shop window', seeding: 'Seeding' },
  collabStatus: { planned: 'Planned', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' },
  activityKind: { meeting: 'Meeting', call: 'Call', message: 'Message', sample_sent: 'Sample sent', training: 'Training', note: 'Note' },
  goalMetric: { gmv_cents: 'GMV', orders: 'Orders', livestreams: 'Livestreams', notes: 'Notes', collaborations: 'Collaborations', custom: 'Custom' },
  goalStatus: { active: 'Active', achieved: 'Achieved', missed: 'Missed', cancelled: 'Cancelled' },
  healthFactor: { recency: 'Recency', frequency: 'Frequency (90 days)', gmv_trend: 'GMV trend', goal_attainment: 'Goal attainment', capability_growth: 'Capability growth' },
  health: { thriving: 'Thriving', steady: 'Steady', at_risk: 'At risk', dormant: 'Dormant', unknown: 'n/a' },
  auth: {
    signIn: 'Sign in', signInTitle: 'Sign in to Huoban', email: 'Email', password: 'Password', name: 'Name', brandName: 'Brand name',
    register: 'Register a brand', registerTitle: 'Register a new brand', registerHint: 'Create the brand account; you become its owner.',
    noAccount: 'No account yet?', haveAccount: 'Have an account?', haveInvite: 'Got an invite code?', acceptInvite: 'Accept invite',
    acceptTitle: 'Accept an invite', code: 'Invite code', acceptHint: 'Enter the code and set up your account. Buyer invites open the buyer portal.',
    passwordHint: '8–128 characters', badCredentials: 'Wrong email or password', rateLimited: 'Too many attempts, try again later',
    emailTaken: 'This email is already registered', sessionExpired: 'Your session expired, please sign in again',
  },
  dashboard: {
    title: 'Dashboard', period: 'Period', days: 'Last {n} days', gmv: 'GMV', vsPrev: 'vs previous', prevZero: 'no GMV before',
    collaborations: 'Collaborations', activeBuyers: 'Active buyers', gmvByMonth: 'GMV by month', byType: 'By type', byStage: 'Buyers by stage',
    topBuyers: 'Top buyers', atRisk: 'At-risk partnerships', followUps: 'Follow-ups due', goalsEnding: 'Goals ending soon',
    markDone: 'Done', markDoneLabel: 'Mark “{summary}” done',
    emptyList: 'Nothing here', noGmv: 'No completed collaborations in this period yet. Log one and the GMV trend appears here.', notReady: 'The dashboard is coming soon. Meanwhile, add buyers and move them along the stages.',
  },
  buyers: {
    title: 'Buyers', add: 'Add buyer', searchPlaceholder: 'Search name, Xiaohongshu id, tags', circle: 'Interest circle', category: 'Category',
    stage: 'Stage', owner: 'Owner', sort: 'Sort', export: 'Export CSV', exporting: 'Exporting…', followers: 'Followers',
    gmv90: 'GMV 90d', lastCollab: 'Last collaboration', name: 'Name', xhsId: 'Xiaohongshu id', city: 'City',
    empty: 'No buyers yet. Click “Add buyer” to start your list of partners.', noMatch: 'No buyer matches; try clearing the filters.',
    clearFilters: 'Clear filters', total: '{n} in total', status: 'Status',
    statusOptions: { active: 'Active', archived: 'Archived', all: 'All' },
    sortOptions: {
      '-created_at': 'Recently added', name: 'Name', '-followers': 'Most followers', '-gmv_cents_90d': 'Highest GMV 90d',
      '-last_collaboration_on': 'Latest collaboration', '-health': 'Healthiest',
    },
  },
  archive: {
    action: 'Archive', title: 'Archive buyer', confirm: 'Archive “{name}”?', restore: 'Restore',
    kept: 'An archived buyer leaves the default buyer list and the stage board; every collaboration, shared goal and milestone is kept, and you can restore the buyer at any time.',
    archivedNote: 'This buyer is archived; every collaboration is kept.',
  },
  buyerForm: {
    title: 'Add buyer', editTitle: 'Edit buyer', commission: 'Commission (%)', tags: 'Tags', listHint: 'separate with commas',
    wechat: 'WeChat', phone: 'Phone', notes: 'Notes',
  },
  board: {
    title: 'Stage board', hint: 'Drag a buyer card to another column to change its stage, or use the card menu.', moveTitle: 'Change stage',
    moveTo: 'Move {name} from “{from}” to “{to}”', reason: 'Reason', reasonPlaceholder: 'e.g. strong first livestream, now a steady partner',
    move: 'Move', moveMenu: 'Move to…', emptyColumn: 'No buyers', reasonRequired: 'Write down a reason',
  },
  detail: { stageHistory: 'Stage history', capabilities: 'Capability growth', collaborations: 'Collaborations', health: 'Partnership health',
    goals: 'Shared goals', milestones: 'Milestones', activities: 'Activities & follow-ups', invite: 'Invite to the portal',
    inviteHint: 'Make a single-use code; the buyer then sees shared goals and results on their phone.', inviteCreate: 'Make invite code',
    inviteCode: 'Invite code (valid 7 days, shown once)', contact: 'Contact', noHistory: 'No stage changes yet.',
    selection: 'Product selection', livestream: 'Livestream', skus: 'SKUs / month', hitRate: 'Hit rate %', sessions: 'Sessions / month',
    avgViewers: 'Avg viewers', categoriesCovered: 'Categories covered', shopWindowItems: 'Shop window items', avgMinutes: 'Avg minutes',
    peakViewers: 'Peak viewers', recordedOn: 'Recorded on', assessment: 'Assessment', addCapability: 'Record capability', avgGmv: 'Avg GMV', noCapabilities: 'No capability records yet; growth charts appear once recorded.',
    noCollabs: 'No collaborations yet.', logCollab: 'Log collaboration', factors: 'Factors', weight: 'weight', trend: 'GMV of recent collaborations',
    trendHint: 'Read one result against the whole partnership.', noGoals: 'No shared goals yet.', noMilestones: 'No milestones yet; they appear after the first collaboration.',
    noActivities: 'No activities yet.', addActivity: 'Add activity', summary: 'Summary', followUpOn: 'Follow up on', kind: 'Kind', totalGmv: 'Total GMV', collabCount: 'Collaborations',
    notFound: 'This buyer does not exist or is not in your brand.', moveStage: 'Change stage',
  },
  collab: {
    title: 'Log a collaboration', buyer: 'Buyer', pickBuyer: 'Choose a buyer', type: 'Type', titleField: 'Title', products: 'Products',
    status: 'Status', startOn: 'Start', endOn: 'End', slotFee: 'Slot fee (¥)', commission: 'Commission (%)',
    sampleCost: 'Sample cost (¥)', metrics: 'Metrics', views: 'Views', viewers: 'Viewers', clicks: 'Clicks',
    orders: 'Orders', units: 'Units', gmv: 'GMV (¥)', refund: 'Refunds (¥)', interactions: 'Interactions', rating: 'Brand rating (1–5)',
    sharedFeedback: 'Feedback for the buyer (visible to them)', internalNotes: 'Internal notes (hidden from the buyer)', preview: 'KPI preview',
    netGmv: 'Net GMV', aov: 'Avg order value', conversion: 'Conversion', gpm: 'GMV per 1,000 views (GPM)', commissionAmt: 'Commission',
    totalCost: 'Total cost', roi: 'ROI', save: 'Save collaboration', err: {
      required: 'Required', number: 'A whole number ≥ 0', money: 'An amount with at most 2 decimals', pct: 'Between 0 and 100',
      refund: 'Refunds cannot exceed GMV', endBeforeStart: 'End cannot be before start', rating: 'Between 1 and 5',
    },
    noBuyers: 'No buyers yet; add a buyer first.', fixErrors: 'Fix the fields marked in red first',
  },
  import: {
    title: 'Import collaborations (CSV)', hint: 'The first line is a header of API field names (buyer_xhs_id or buyer_id names the buyer; metrics flat). Check with a dry run, then import; if any row is bad nothing is imported.',
    file: 'CSV file', dryRun: 'Dry run', run: 'Import', uploading: 'Uploading {pct}%', ok: 'Check passed: {n} rows can be imported.',
    created: 'Imported {n} collaborations.', rowErrors: '{n} problems found; nothing was imported:', row: 'Row', field: 'Field', message: 'Problem',
    preview: 'Preview (first {n} lines)', template: 'Download a template', choose: 'Choose a CSV file',
  },
  goals: {
    title: 'Shared goals', add: 'New goal', buyer: 'Buyer', titleField: 'Goal', metric: 'Metric', target: 'Target',
    periodStart: 'From', periodEnd: 'To', sharedNote: 'Note for the buyer', acknowledged: 'Acknowledged by buyer',
    notAcknowledged: 'Awaiting buyer', empty: 'No shared goals yet. Agree on one with a buyer so both sides pull the same way.',
    edit: 'Edit', cancelGoal: 'Cancel goal', reopen: 'Reopen', current: 'Current progress', setProgress: 'Update progress',
    fixErrors: 'Please fix the fields marked in red', err: { positive: 'Enter a whole number above 0' },
    comments: 'Comments', noComments: 'No comments yet.', commentPlaceholder: 'Write a comment…', send: 'Send', status: 'Status',
  },
  milestones: {
    add: 'Add milestone', title: 'Milestone', titlePlaceholder: 'e.g. First factory visit to pick products', achievedOn: 'Reached on', note: 'Note',
    future: 'The date cannot be after today', manual: 'Manual',
  },
  match: {
    title: 'Buyer match', hint: 'Enter the product’s category, the interest circle it suits and the planned collaboration type to see which buyers fit best. Empty inputs are not used.',
    categoryPlaceholder: 'Category, e.g. 美妆/护肤', circlePlaceholder: 'Interest circle, e.g. 露营', search: 'Find buyers',
    start: 'Fill in what you know and press “Find buyers”; leave everything empty to rank all buyers by capacity and health.',
    empty: 'No buyer matches. Try a broader category (“美妆” rather than “美妆/护肤/精华”), drop the interest circle, or set the type back to “All”.',
    count: '{n} buyers found', score: 'Match score', reasons: 'Why they match',
  },
  team: {
    title: 'Team', invite: 'Invite a member', role: 'Role', email: 'Email (optional)', create: 'Make invite code',
    code: 'Invite code (valid 7 days, shown once):', members: 'Members', remove: 'Remove',
  },
  tokens: {
    title: 'API tokens', hint: 'Tokens act as you on the API: read can only read, write can change data.', name: 'Name', scope: 'Scope',
    create: 'Create token', shownOnce: 'Copy it now; the token is shown only this once:', lastUsed: 'Last used', createdAt: 'Created',
    revoke: 'Revoke', empty: 'No tokens yet.', never: 'never',
  },
  portal: {
    title: 'My brand partnerships', empty: 'No partner brands yet. If a brand gave you an invite code, enter it below.', link: 'Link brand',
    since: 'Partners since', goals: 'Shared goals', milestones: 'Milestones', results: 'Results', acknowledge: 'Acknowledge', noGoals: 'No shared goals yet.', noResults: 'No results yet.', noMilestones: 'No milestones yet.',
    feedback: 'Brand feedback',
  },
  notFound: { title: 'Page not found', home: 'Go home' },
  // Products, the selection pool, reviews and the calendar (issue 15).
  p15: {
    nav: { products: 'Products', calendar: 'Schedule' },
    decision: { picked: 'Picked', declined: 'Declined', trial: 'Trial', interested: 'Interested' },
    side: { brand: 'Brand', buyer: 'Buyer' },
    products: {
      title: 'Products', new: 'New product', edit: 'Edit product', name: 'Name', sku: 'SKU', category: 'Category', price: 'Price (yuan)',
      circles: 'Interest circles (comma separated)', imageUrl: 'Image URL', status: 'Status', active: 'Active', retired: 'Retired', inPool: 'In the pool',
      poolNote: 'Pool note (buyers see the price when set)', poolToggle: 'In the selection pool', search: 'Search name or SKU', empty: 'No products yet.',
      performance: 'Performance', noPerformance: 'No buyer has sold this product yet (completed collaborations only).', collaborations: 'Collaborations',
      units: 'Units', gmv: 'GMV', netGmv: 'Net GMV', lastOn: 'Last', retire: 'Retire', skuTaken: 'Another product of this brand has this SKU',
      match: 'Match buyers for it',
    },
    items: {
      title: 'Products sold', add: 'Add product', product: 'Product', units: 'Units', gmv: 'GMV (yuan)', remove: 'Remove',
      suggest: 'Type a name or SKU from the catalogue', none: 'No matching product', sumTooHigh: 'The products’ GMV may not exceed the collaboration’s',
      startsAt: 'Starts at', duration: 'Duration (minutes)', allowOverlap: 'Allow overlapping another livestream of this buyer',
    },
    selections: {
      title: 'Selection log', add: 'Record a selection', product: 'Product', decision: 'Decision', reason: 'Reason', by: 'By', sold: 'Sold since',
      soldLine: '{n} collaborations · {units} units · {gmv}', notSold: 'Not sold yet', empty: 'No selections yet.', pick: 'Choose a product',
    },
    reviews: {
      title: 'Reviews', write: 'Write review', edit: 'Edit review', wentWell: 'Went well', toImprove: 'To improve', internalNotes: 'Internal notes (never shown to the buyer)',
      nextActions: 'Next actions', addAction: 'Add action', actionText: 'Action', side: 'Owner', dueOn: 'Due', done: 'Done',
      shared: 'Share with the buyer', sharedBadge: 'Shared', notShared: 'Not shared', empty: 'No reviews yet.', exists: 'This collaboration already has a review', saved: 'Review saved',
    },
    calendar: {
      title: 'Livestream schedule', week: 'Week', month: 'Month', today: 'Today', prev: 'Previous', next: 'Next', buyer: 'Buyer', allBuyers: 'All buyers',
      mine: 'Only my buyers', empty: 'Nothing scheduled in this period.', allDay: 'All day', subscribe: 'Subscribe in a calendar app', feedHint: 'Subscribe with this link in Feishu, Apple or Google Calendar (read only). A new link stops the old one.',
      newKey: 'Make a subscription link', minutes: '{n} min',
    },
    portal: {
      pool: 'Selection pool', poolEmpty: 'The brand has no products open for selection.', interested: 'Interested', decline: 'Not for me', reason: 'Reason (optional)',
      yourChoice: 'Status: {d}', upcoming: 'Next 30 days', noUpcoming: 'Nothing scheduled in the next 30 days.', reviews: 'Reviews',
      noReviews: 'No shared reviews yet.', actions: 'My to-dos', noActions: 'Nothing to do.', due: 'due {d}', send: 'Send',
    },
    dashboard: {
      unpicked: 'Pool products nobody picked yet', noUnpicked: 'Every pool product has a buyer.', awaiting: 'Buyers waiting for an answer', noAwaiting: 'No interest waiting for an answer.',
    },
  },
}

export default en
