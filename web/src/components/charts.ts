// Only the ECharts parts the console draws; BarChart.vue imports this module lazily, so ECharts
// is a separate chunk fetched by the first page with a chart.
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { init };
