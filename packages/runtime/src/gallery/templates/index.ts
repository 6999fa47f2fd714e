/**
 * The built-in template gallery (issue 16): workflows that show what AgentFlow does well, each with a
 * scripted-provider script (`agentflow run --script`) and a sample input so it runs offline, without API keys.
 * `installGallery` writes them into the store as public, built-in templates (a newer `GALLERY_VERSION` replaces
 * older copies; downloads and ratings stay). `gallery.test.ts` runs every one with its script.
 */

import { codeReviewer } from './code-reviewer.js';
import { documentExtraction } from './document-extraction.js';
import { mapOverList } from './map-over-list.js';
import { mcpFiles } from './mcp-files.js';
import { meetingNotes } from './meeting-notes.js';
import { multiProviderFallback } from './multi-provider-fallback.js';
import { researchTeam } from './research-team.js';
import { scheduledDigest } from './scheduled-digest.js';
import type { GalleryTemplate } from './shared.js';
import { socialPostApproval } from './social-post-approval.js';
import { sqlAnalyst } from './sql-analyst.js';
import { supportTriage } from './support-triage.js';
import { translator } from './translator.js';
import { webSummarizer } from './web-summarizer.js';
import { writerReviewer } from './writer-reviewer.js';

export { AGENT_LIBRARY } from './agents.js';
export type { GalleryTemplate } from './shared.js';

/** Bump when any template below changes: stored copies with a lower version are replaced on start. */
export const GALLERY_VERSION = 2;

/** The workflow templates, in the order the gallery shows them. */
export const GALLERY: GalleryTemplate[] = [
  researchTeam,
  writerReviewer,
  supportTriage,
  webSummarizer,
  mapOverList,
  multiProviderFallback,
  documentExtraction,
  codeReviewer,
  meetingNotes,
  scheduledDigest,
  translator,
  socialPostApproval,
  sqlAnalyst,
  mcpFiles,
];
