// Only the ECharts parts the app draws: line, bar and pie charts on canvas.
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { echarts }

/** The app's chart colours, calm and distinguishable. */
export const palette = ['#b5473a', '#3b6e8f', '#d69a3c', '#5b8c5a', '#8a6bb0', '#7a7a7a']
