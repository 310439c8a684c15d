/**
 * The properties panel's « Choisir » (select a template) button fires `elementTemplates.select`
 * and leaves the choice to the host: this opens the element's "change element" menu, which lists
 * the element templates that apply (group « Modèles »), with its search field.
 */
import type Canvas from 'diagram-js/lib/core/Canvas';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type { Shape } from 'diagram-js/lib/model/Types';
import type PopupMenu from 'diagram-js/lib/features/popup-menu/PopupMenu';
import type { ModuleDeclaration } from 'didi';

type Translate = (template: string) => string;

const MENU_OFFSET = 5;

function TemplateChooser(eventBus: EventBus, popupMenu: PopupMenu, canvas: Canvas, translate: Translate) {
  eventBus.on('elementTemplates.select', (event: unknown) => {
    const { element } = event as { element: Shape };
    if (popupMenu.isEmpty(element, 'bpmn-replace')) return;
    const box = canvas.getGraphics(element).getBoundingClientRect();
    popupMenu.open(
      element,
      'bpmn-replace',
      { x: box.left, y: box.bottom + MENU_OFFSET },
      { title: translate('Choose a template'), width: 300, search: true },
    );
  });
}
TemplateChooser.$inject = ['eventBus', 'popupMenu', 'canvas', 'translate'];

export const templateChooserModule: ModuleDeclaration = {
  __init__: ['rouageTemplateChooser'],
  rouageTemplateChooser: ['type', TemplateChooser],
};
