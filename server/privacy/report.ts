// The privacy report of one site (pure): facts in, a document out, in the reader's language. What
// it claims follows from the facts only (privacy-report tests change settings and see it change).
import type { Locale } from '../i18n/locale.js';
import { longDate, translator } from '../i18n/translate.js';
import type { PrivacyFacts } from './facts.js';
import { de } from './messages/de.js';
import { en, type PrivacyMessageKey } from './messages/en.js';
import { es } from './messages/es.js';
import { fr } from './messages/fr.js';
import { it } from './messages/it.js';
import { nl } from './messages/nl.js';
import { pt } from './messages/pt.js';

export const privacyCatalogs = { en, fr, de, es, it, nl, pt };

/** The CNIL's ceiling for audience-measurement data kept without consent. */
export const maxExemptRetentionMonths = 25;

export type CheckStatus = 'pass' | 'fail' | 'warn';

export interface ReportSection {
  heading: string;
  paragraphs: string[];
  items: { text: string; status?: CheckStatus; statusLabel?: string }[];
}

export interface PrivacyReport {
  lang: Locale;
  title: string;
  intro: string;
  sections: ReportSection[];
  /** Whether every exemption condition is met. */
  exempt: boolean;
  footer: string;
}

const purposeKeys: Record<string, PrivacyMessageKey> = {
  ux_debugging: 'purposeUxDebugging',
  support_investigation: 'purposeSupportInvestigation',
  qa: 'purposeQa',
  other: 'purposeOther',
};
const stateKeys: Record<string, PrivacyMessageKey> = {
  open: 'stateOpen',
  paused: 'statePaused',
  closed: 'stateClosed',
  purged: 'statePurged',
};

export function privacyReport(facts: PrivacyFacts, lang: Locale): PrivacyReport {
  const t = translator(privacyCatalogs, lang);
  const site = facts.site.domain;
  const date = (at: number | string) =>
    longDate(lang, typeof at === 'string' ? Date.parse(at) : at);
  const months = facts.retentionMonths;

  const checks: { text: string; status: CheckStatus }[] = [
    { text: t('checkOwnSite', { site }), status: 'pass' },
    { text: t('checkAnonymous'), status: 'pass' },
    { text: t('checkNoCross'), status: 'pass' },
    { text: t('checkNoDevice'), status: 'pass' },
    months <= maxExemptRetentionMonths
      ? { text: t('checkRetentionOk', { months }), status: 'pass' }
      : { text: t('checkRetentionTooLong', { months }), status: 'fail' },
    facts.honourGpc
      ? { text: t('checkObjectionOk'), status: 'pass' }
      : { text: t('checkObjectionMissing'), status: 'warn' },
  ];
  const exempt = checks.every((c) => c.status !== 'fail');

  const sections: ReportSection[] = [
    {
      heading: t('collectedHeading'),
      paragraphs: [],
      items: [
        { text: t('collectedCounters') },
        { text: t('collectedHourly') },
        { text: t('collectedExcluded', { count: facts.excludedPaths }) },
      ],
    },
    {
      heading: t('notCollectedHeading'),
      paragraphs: [],
      items: [
        { text: t('notCollectedCookie') },
        { text: t('notCollectedIp') },
        { text: t('notCollectedId') },
        { text: t('notCollectedUa') },
        { text: t('notCollectedCross', { site }) },
        { text: facts.honourGpc ? t('gpcHonoured') : t('gpcIgnored') },
      ],
    },
    {
      heading: t('retentionHeading'),
      paragraphs: [
        t('retention', { months }),
        ...(facts.cardinalityCap !== null ? [t('cap', { cap: facts.cardinalityCap })] : []),
      ],
      items: [],
    },
    {
      heading: t('exemptionHeading'),
      paragraphs: [t('exemptionIntro'), exempt ? t('verdictMet') : t('verdictNotMet')],
      items: checks.map((c) => ({ ...c, statusLabel: t(c.status) })),
    },
    {
      heading: t('replayHeading'),
      paragraphs: facts.replayWindows.length ? [t('replayIntro')] : [t('replayNone', { site })],
      items: facts.replayWindows.map((w) => ({
        text: t('replayWindow', {
          purpose: w.purposeText ?? t(purposeKeys[w.purpose] ?? 'purposeOther'),
          from: date(w.startsAt),
          to: date(w.endsAt),
          days: w.retentionDays,
          state: t(stateKeys[w.state] ?? 'stateClosed'),
        }),
      })),
    },
    {
      heading: t('storageHeading'),
      paragraphs: [t('storage', { site, engine: facts.engine })],
      items: [],
    },
    {
      heading: t('checkpointHeading'),
      paragraphs: [
        facts.checkpoint
          ? t('checkpoint', {
              rows: facts.checkpoint.rows,
              head: facts.checkpoint.head.slice(0, 16),
              date: date(facts.checkpoint.at),
            })
          : t('checkpointNone'),
      ],
      items: [],
    },
  ];

  return {
    lang,
    title: t('title', { site }),
    intro: t('intro', { site, date: date(facts.generatedAt) }),
    sections,
    exempt,
    footer: t('generated', { date: date(facts.generatedAt) }),
  };
}
