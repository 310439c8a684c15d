// bpmn-js-token-simulation ships no type declarations: the modeler flavour is a bpmn-js module.
declare module 'bpmn-js-token-simulation/lib/modeler' {
  const TokenSimulationModule: import('didi').ModuleDeclaration;
  export default TokenSimulationModule;
}
