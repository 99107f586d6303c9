// REST operations of checklists and their templates, for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import {
  assignChecklistTemplateBodySchema,
  saveChecklistTemplateBodySchema,
  signChecklistItemBodySchema,
} from "./schemas";

const template = {
  id: EX.templateId,
  name: "Pre-deployment checklist",
  isDefault: true,
  items: [
    {
      section: "Model validation",
      label: "Offline metrics meet thresholds",
      required: true,
      verification: "offline_metrics",
      position: 0,
    },
    { section: "Model validation", label: "Bias and fairness checks passed", required: true, verification: "manual" },
  ],
};
const templateBody = {
  name: "Pre-deployment checklist",
  isDefault: true,
  items: [
    { section: "Model validation", label: "Offline metrics meet thresholds", verification: "offline_metrics" },
    { section: "Model validation", label: "Bias and fairness checks passed" },
    { section: "Infrastructure", label: "Routers healthy and in sync", verification: "routers_healthy" },
    { section: "Process", label: "Stakeholders notified", required: false },
  ],
};

registerOperations([
  {
    method: "post",
    path: "/api/v1/checklist-items/{itemId}/sign",
    summary:
      "Sign one manual checklist item with a note (what you checked) or an evidence link. Items Switchyard verifies itself are refused: run the checks instead.",
    tag: "checklists",
    body: signChecklistItemBodySchema,
    example: {
      note: "Fairness report reviewed: no group below 0.9 parity",
      evidenceUrl: "https://wiki.example.com/fair/160",
    },
    permission: "checklists.sign",
    serverActions: ["signChecklistItemAction"],
    responses: { "404": "Unknown item", "409": "Signed already", "412": "System-verified item, or rollout started" },
    responseExample: {
      item: {
        id: EX.itemId,
        rolloutId: EX.rolloutId,
        label: "Bias and fairness checks passed",
        status: "signed",
        signedById: EX.amy.id,
        signedAt: EX.at,
        note: "Fairness report reviewed: no group below 0.9 parity",
      },
      ready: false,
    },
  },
  {
    method: "post",
    path: "/api/v1/rollouts/{rolloutId}/checklist/checks",
    summary:
      "Run the system-verified checklist items again: offline metrics from the registry, routers healthy and in sync, health checks, rollback plan",
    tag: "checklists",
    permission: "checklists.sign",
    status: 200,
    serverActions: ["runChecklistChecksAction"],
    responses: { "404": "Unknown rollout", "412": "Rollout started" },
    responseExample: {
      outcomes: [
        {
          itemId: EX.itemId,
          label: "Offline metrics meet thresholds",
          status: "verified",
          summary: "accuracy 0.934 ≥ 0.912",
        },
        {
          itemId: "cmb7rk2c3000cchecklistitm",
          label: "Routers healthy and in sync",
          status: "verified",
          summary: "1 of 1 router healthy",
        },
      ],
    },
  },
  {
    method: "get",
    path: "/api/v1/checklist-templates",
    summary: "Checklist templates with their items and the systems using each",
    tag: "checklists",
    permission: "checklists.templates",
    responseExample: {
      templates: [{ ...template, systems: [{ id: EX.systemId, name: "Support Ticket Classifier" }] }],
    },
  },
  {
    method: "post",
    path: "/api/v1/checklist-templates",
    summary: "Create a checklist template; making it the default unsets the previous default",
    tag: "checklists",
    body: saveChecklistTemplateBodySchema,
    example: templateBody,
    permission: "checklists.templates",
    serverActions: ["saveChecklistTemplateAction"],
    responses: { "409": "Name taken" },
    responseExample: { template },
  },
  {
    method: "put",
    path: "/api/v1/checklist-templates/{templateId}",
    summary: "Replace a template's name, default flag and items; rollouts keep the copy they were created with",
    tag: "checklists",
    body: saveChecklistTemplateBodySchema,
    example: templateBody,
    permission: "checklists.templates",
    serverActions: ["saveChecklistTemplateAction"],
    responses: { "404": "Unknown template", "409": "Name taken, or unsetting the only default" },
    responseExample: { template },
  },
  {
    method: "put",
    path: "/api/v1/systems/{system}/checklist-template",
    summary: "Choose the template a system's new rollouts copy their checklist from",
    tag: "checklists",
    body: assignChecklistTemplateBodySchema,
    example: { templateId: EX.templateId },
    permission: "checklists.templates",
    serverActions: ["assignChecklistTemplateAction"],
    responses: { "404": "Unknown system or template" },
    responseExample: { system: { id: EX.systemId, checklistTemplateId: EX.templateId } },
  },
]);
