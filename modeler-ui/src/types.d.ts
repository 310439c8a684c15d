// The bpmn-io extension packages ship no type declarations; the app only passes their modules to bpmn-js.
declare module 'bpmn-js-properties-panel' {
  type ModuleDeclaration = import('didi').ModuleDeclaration;
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const ZeebePropertiesProviderModule: ModuleDeclaration;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const ZeebeBehaviorsModule: import('didi').ModuleDeclaration;
  export default ZeebeBehaviorsModule;
}

declare module 'bpmn-js-element-templates' {
  type ModuleDeclaration = import('didi').ModuleDeclaration;
  /** Camunda 8 (Zeebe) element templates: the `elementTemplates` and `elementTemplatesLoader` services and the panel groups. */
  export const CloudElementTemplatesPropertiesProviderModule: ModuleDeclaration;
}

declare module 'bpmn-js-create-append-anything' {
  type ModuleDeclaration = import('didi').ModuleDeclaration;
  export const CreateAppendAnythingModule: ModuleDeclaration;
  /** Offers the element templates in the create and append menus. */
  export const CreateAppendElementTemplatesModule: ModuleDeclaration;
}
