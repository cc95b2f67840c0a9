// Only the ECharts parts the console draws; BarChart.vue and the gray rollout chart import this module lazily, so ECharts
// is a separate chunk fetched by the first page with a chart.
import { init, use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export { init };
