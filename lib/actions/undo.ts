'use server';

import { defineAction } from './define-action';
import { undoDefinition } from './undo-definition';

/** Undoes an audited change by its entry id (an undoable action's `auditId`); see undo-definition.ts. */
export const undo = defineAction(undoDefinition);
