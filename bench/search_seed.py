#!/usr/bin/env python3
"""Seeds N mini-programs straight into a stopped Cove's database for bench/search.sh.

    search_seed.py DB WORK_DIR COUNT

Reads the organisation, host app and package that bench/runtime_setup.py seeded through the API
(WORK_DIR/client.tsv and the database), then inserts COUNT online mini-programs, each with a
released version (the shared package) and associated with the first host app, in one
transaction. Names, tags and descriptions are realistic Chinese and English combinations, so the
index holds the kinds of tokens real catalogues have (bigrams, pinyin spans, Latin words).
"""
import json
import random
import secrets
import sqlite3
import sys
import time

WORDS = ["微信", "支付", "钱包", "天气", "地图", "外卖", "打车", "出行", "购物", "视频", "音乐", "读书", "新闻",
         "健康", "医保", "公交", "地铁", "火车", "机票", "酒店", "美食", "电影", "游戏", "学习", "英语", "翻译",
         "相机", "图片", "快递", "银行", "理财", "保险", "社区", "招聘", "租房", "二手", "宠物", "运动", "健身",
         "数字", "资产", "链上", "藏品", "积分", "会员", "优惠", "团购", "直播", "小说", "漫画", "电台", "日历",
         "笔记", "计算", "天文", "旅游", "政务", "缴费", "停车", "充电"]
SUFFIX = ["助手", "服务", "中心", "工具", "平台", "小程序", "管家", "专家", "通", "宝", "大全", "商城"]
LATIN = ["Pro", "Lite", "Plus", "Go", "Now", "Hub", "Box", "Pay", "Map", "Cloud", "Smart", "Easy", "Wallet",
         "Weather", "Music", "Player", "Photo", "Travel", "Chess", "Notes", "Fitness", "Calculator", "Game"]
CATEGORIES = ["工具", "金融", "出行", "购物", "视频", "音乐", "教育", "生活", "游戏", "社交", "政务", "Web3"]


def name(rng, i):
    kind = rng.random()
    if kind < 0.6:
        base = rng.choice(WORDS) + rng.choice(WORDS) + rng.choice(SUFFIX)
    elif kind < 0.8:
        base = rng.choice(LATIN) + " " + rng.choice(LATIN)
    else:
        base = rng.choice(LATIN) + rng.choice(WORDS) + rng.choice(SUFFIX)
    return f"{base} {i}"


def main():
    db_path, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    host_id = None
    for line in open(f"{work}/client.tsv", encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "host" and host_id is None:
            host_id = f[1]
    db = sqlite3.connect(db_path)
    org_id, created_by = db.execute("SELECT org_id, created_by FROM apps LIMIT 1").fetchone()
    sha, size, sig = db.execute(
        "SELECT package_sha256, package_size, signature FROM app_versions WHERE status = 'released' LIMIT 1").fetchone()
    rng = random.Random(18)
    now = int(time.time() * 1000)
    apps, versions, assoc = [], [], []
    for i in range(count):
        app_id = "app_b" + secrets.token_hex(10)
        ver_id = "ver_b" + secrets.token_hex(10)
        words = rng.sample(WORDS, 3)
        tags = json.dumps(rng.sample(WORDS, 2) + [rng.choice(LATIN).lower()], ensure_ascii=False)
        summary = f"{words[0]}{words[1]}一站式服务，{words[2]}随时查询 — {rng.choice(LATIN)} {rng.choice(LATIN)}"
        apps.append((app_id, org_id, name(rng, i), summary, summary + "。更多功能持续更新。", rng.choice(CATEGORIES), tags,
                     ver_id, created_by, now - i, now - i))
        versions.append((ver_id, app_id, org_id, sha, size, sig, created_by, now - i, now - i, now - i))
        assoc.append((host_id, app_id, created_by, now, now))
    with db:
        db.execute("PRAGMA foreign_keys = OFF")
        db.executemany(
            "INSERT INTO apps (id, org_id, name, summary, description, category, tags, status, released_version_id, "
            "created_by, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 'online', ?, ?, ?, ?)", apps)
        db.executemany(
            "INSERT INTO app_versions (id, app_id, org_id, version, major, minor, patch, package_sha256, package_size, "
            "file_count, unpacked_size, status, signature, uploaded_by, created_ms, updated_ms, released_ms) "
            "VALUES (?, ?, ?, '1.0.0', 1, 0, 0, ?, ?, 1, 1, 'released', ?, ?, ?, ?, ?)", versions)
        db.executemany(
            "INSERT INTO host_app_apps (host_app_id, app_id, created_by, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?)",
            assoc)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(f"seeded {count} mini-programs for host app {host_id}")


if __name__ == "__main__":
    main()
