// Reports, alerts and the unsubscribe page in English: the source of every key (the others match it).
export const en = {
  subjectWeekly: '{site}: weekly report, {from} – {to}',
  subjectMonthly: '{site}: report for {month}',
  subjectTest: '[test] {subject}',
  headingWeekly: 'Your week on {site}',
  headingMonthly: 'Your month on {site}',
  periodLine: '{from} – {to}, compared with {previousFrom} – {previousTo}',
  metricVisits: 'Visits',
  metricPageviews: 'Pageviews',
  metricBounceRate: 'Bounce rate',
  metricTimeOnPage: 'Time on page',
  changePercent: '{change, number, ::sign-always} % vs previous period',
  changePoints: '{change, number, ::sign-always} pts vs previous period',
  changeNew: 'new: nothing in the previous period',
  chartTitle: 'Visits per day',
  chartDay: '{day}: {visits, plural, one {# visit} other {# visits}}',
  topPages: 'Top pages',
  topSources: 'Top sources',
  countries: 'Countries',
  goals: 'Goals',
  conversions: '{count, plural, one {# conversion} other {# conversions}} ({rate} %)',
  noData: 'Nothing counted in this period.',
  openDashboard: 'Open the dashboard',
  privacyNote:
    'Counted without cookies or identifiers: nothing in this email is about any single visitor.',
  footerReports:
    'You receive this report because an administrator of {site} added {address} to its Pomelo reports.',
  footerAlerts:
    'You receive this alert because an administrator of {site} added {address} to its Pomelo alerts.',
  unsubscribeReports: 'Unsubscribe from these reports',
  unsubscribeAlerts: 'Unsubscribe from these alerts',
  spikeSubject:
    '{site}: traffic spike, {count, plural, one {# pageview} other {# pageviews}} in one hour',
  spikeBody:
    'Between {from} and {to} ({timezone}), {site} had {count, plural, one {# pageview} other {# pageviews}}, {percent} % of its usual {usual} for that hour of the day.',
  stoppedSubject: '{site}: tracking stopped {hours, plural, one {# hour} other {# hours}} ago',
  stoppedBody:
    'Pomelo has received no event from {site} since {since} ({timezone}), although the site usually has traffic at these hours. If the site changed recently, check that the Pomelo script is still on its pages.',
  alertCooldown:
    'You will get at most one alert of this kind every {hours, plural, one {# hour} other {# hours}}.',
  unsubscribeTitle: 'Unsubscribe',
  unsubscribeQuestion: 'Stop sending {scope} of {site} to {address}?',
  scopeReports: 'the reports',
  scopeAlerts: 'the alerts',
  unsubscribeButton: 'Unsubscribe',
  unsubscribeDone: '{address} will no longer receive {scope} of {site}.',
  unsubscribeInvalid: 'This unsubscribe link is not valid. Use the link from the latest email.',
  replayPausedSubject: '{site}: replay window paused by the leak scanner',
  replayPausedBody:
    'The replay research window “{purpose}” on {site} was paused at {at} ({timezone}): the scanner found personal data in recordings. Nothing more is recorded until someone reviews the findings and resumes it with a note.',
  replayReviewSubject: '{site}: {count} replay recordings wait for review',
  replayReviewBody:
    'The replay research window “{purpose}” on {site} has {count} recordings nobody has reviewed yet. It makes no new offers until the review queue is below {count}.',
  replayEndingSubject: '{site}: replay window ends {at}',
  replayEndingBody:
    'The replay research window “{purpose}” on {site} ends at {at} ({timezone}). Its recordings are then kept for their retention period and purged.',
  footerReplay:
    'You receive this because you own this replay window or are one of its named viewers.',
} as const;

export type MailMessageKey = keyof typeof en;
