import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'element-plus/theme-chalk/base.css';
import './styles.css';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { client } from './api';
import { useAuthStore } from './stores/auth';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n).use(router);

// The refresh failed mid-session (expired, revoked elsewhere): back to sign-in, then here again.
client.onToken = (token) => {
  if (token !== null) return;
  const auth = useAuthStore(pinia);
  if (!auth.me) return;
  auth.clear();
  const here = router.currentRoute.value;
  if (!here.meta.public) void router.replace({ name: 'sign-in', query: { redirect: here.fullPath } });
};

document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');
