// Mounts a component with the app's i18n (zh-CN) for component tests.
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import type { Component } from 'vue'
import { i18n } from '../i18n'

export function mountApp<C extends Component>(component: C, options: ComponentMountingOptions<C> = {}) {
  i18n.global.locale.value = 'zh-CN'
  return mount(component, {
    ...options,
    global: {
      plugins: [i18n],
      ...options.global,
      stubs: { RouterLink: { template: '<a><slot /></a>' }, ...options.global?.stubs },
    },
  } as ComponentMountingOptions<C>)
}
