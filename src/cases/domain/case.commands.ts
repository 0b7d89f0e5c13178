import { Channel } from '../../regulations/regulation.model';
import { Applicant, Representative } from './case.events';

export type CaseCommand =
  | {
      type: 'ReceiveApplication';
      caseId: string;
      channel: Channel;
      service: string;
      providerOrganisation: string;
      applicant: Applicant;
      representative?: Representative;
      documents: string[];
      consentToProtectedData: boolean;
      /** The application's category where the regulation has windows per category (e.g. "first-grade"). */
      category?: string;
    }
  | {
      type: 'RefuseAcceptance';
      caseId: string;
      channel: Channel;
      service: string;
      providerOrganisation: string;
      applicant: Applicant;
      representative?: Representative;
      documents: string[];
      missingDocuments: string[];
    }
  | { type: 'ForwardToProvider' }
  | { type: 'RegisterAtProvider'; registrationNumber?: string }
  | { type: 'ReviewDocuments' }
  | { type: 'ImposeVisa'; executorId: string }
  | { type: 'ReassignExecutor'; executorId: string; reason: string }
  | { type: 'PrepareDraft'; summary?: string }
  | { type: 'SignResult' }
  | { type: 'SendToStateCorporation' }
  | { type: 'IssueResult'; to: 'applicant' | 'representative' }
  | { type: 'RefuseService'; grounds: string }
  | { type: 'HandToStorage' }
  | { type: 'RecallFromStorage'; requestedAt: string }
  | { type: 'FileAppeal'; appealId: string; grounds: string }
  | { type: 'ForwardAppeal'; appealId: string; to: string }
  | { type: 'DecideAppeal'; appealId: string; decision: 'upheld' | 'rejected'; reasoning: string };

export type CaseCommandType = CaseCommand['type'];

/** Commands that fulfil the regulation's next step (or an action inside it) on an open case. */
export type StepCommand = Extract<
  CaseCommand,
  {
    type:
      | 'ForwardToProvider'
      | 'RegisterAtProvider'
      | 'ReviewDocuments'
      | 'ImposeVisa'
      | 'PrepareDraft'
      | 'SignResult'
      | 'SendToStateCorporation'
      | 'IssueResult';
  }
>;
