import type { Evidence } from './rules';

/**
 * The one table of the roles an identity plays when IIS logs it on, and what a client sees
 * when that logon fails. Findings carry both, so every output (table, explain, JSON, SARIF,
 * JUnit) can say what breaks, not only which right is missing.
 */
export type IdentityRole = 'anonymous-user' | 'worker-process' | 'connect-as';

export interface Symptom {
  /** HTTP status and substatus a client gets, e.g. `401.1`, `503`. */
  httpStatus: string;
  /** What fails and what Windows and IIS record, in a sentence. */
  description: string;
  /** How sure the mapping from the failed logon to this status is. */
  evidence: Evidence;
}

export interface RoleEntry {
  /** For messages: `anonymous user`, `worker process identity`, `connect-as account`. */
  label: string;
  /** The symptom in a few words, for finding messages (IIS 7+ and IIS 6). */
  brief: string;
  iis6Brief?: string;
  /** The symptom on IIS 7 and later. */
  symptom: Symptom;
  /** The symptom on IIS 6, where it differs. */
  iis6Symptom?: Symptom;
}

export const IDENTITY_ROLES: Readonly<Record<IdentityRole, RoleEntry>> = {
  'anonymous-user': {
    label: 'anonymous user',
    brief: 'anonymous requests fail with HTTP 401.1 (logon failed)',
    symptom: {
      httpStatus: '401.1',
      description:
        'anonymous requests fail with HTTP 401.1 (logon failed) and no credential prompt; the Security log records event 4625 with status 0xC000015B (IIS 6: event 534)',
      evidence: 'confirmed',
    },
  },
  'worker-process': {
    label: 'worker process identity',
    brief: 'the pool cannot start its worker process, so its requests get HTTP 503',
    symptom: {
      httpStatus: '503',
      description:
        'the application pool cannot start its worker process: WAS logs event 5021 (invalid identity or no logon right), then disables the pool (5057/5059), and every request to the pool gets HTTP 503 Service Unavailable',
      evidence: 'observed',
    },
    iis6Symptom: {
      httpStatus: '503',
      description:
        'the application pool cannot start its worker process: W3SVC logs event 1021 with data 0x80070569 (logon type not granted), rapid-fail protection disables the pool, and requests get HTTP 503 Service Unavailable',
      evidence: 'observed',
    },
  },
  'connect-as': {
    label: 'connect-as account',
    brief: 'requests for content under this virtual directory fail with HTTP 500.19',
    iis6Brief: 'requests for content under this virtual directory fail with HTTP 401.2',
    symptom: {
      httpStatus: '500.19',
      description:
        'IIS cannot log the connect-as account on to reach the UNC content, so it cannot read the configuration there: requests under this virtual directory fail with HTTP 500.19 and error 0x80070569 (logon type not granted)',
      evidence: 'inferred',
    },
    iis6Symptom: {
      httpStatus: '401.2',
      description:
        'IIS 6 cannot log the UNCUserName account on, and the IIS 6 reference says such a failure returns HTTP 401.2 for requests under this virtual directory',
      evidence: 'confirmed',
    },
  },
};

export function briefSymptom(role: IdentityRole, iis6: boolean): string {
  const entry = IDENTITY_ROLES[role];
  return iis6 && entry.iis6Brief !== undefined ? entry.iis6Brief : entry.brief;
}

export function symptomFor(role: IdentityRole, iis6: boolean): Symptom {
  const entry = IDENTITY_ROLES[role];
  return iis6 && entry.iis6Symptom !== undefined ? entry.iis6Symptom : entry.symptom;
}

/** Each role's symptom under one IIS version, by name: a finding reads its own with symptomOf. */
export interface RoleSymptoms {
  anonymousUser: Symptom;
  workerProcess: Symptom;
  connectAs: Symptom;
}

const ROLE_SYMPTOMS: readonly RoleSymptoms[] = [false, true].map((iis6) =>
  Object.freeze({
    anonymousUser: symptomFor('anonymous-user', iis6),
    workerProcess: symptomFor('worker-process', iis6),
    connectAs: symptomFor('connect-as', iis6),
  }),
);

export function roleSymptoms(iis6: boolean): RoleSymptoms {
  return ROLE_SYMPTOMS[iis6 ? 1 : 0]!;
}

/** symptomFor with the version's table: compared and read by name, which costs less than a key, cold. */
export function symptomOf(symptoms: RoleSymptoms, role: IdentityRole): Symptom {
  if (role === 'anonymous-user') return symptoms.anonymousUser;
  return role === 'worker-process' ? symptoms.workerProcess : symptoms.connectAs;
}
