'use server';

import { defineAction } from '@/lib/actions/define-action';
import { undoDefinition } from './service';

/** Undoes an audited change by its entry id (an undoable action's `auditId`); see undo-definition.ts. */
export const undo = defineAction(undoDefinition);
