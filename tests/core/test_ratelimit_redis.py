"""Rate-limit counters in Redis, as in a multi-worker deployment."""

import uuid

import pytest
import redis

from portal import create_app
from portal.core import tokens

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_client():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")
    yield client
    client.close()


def test_limits_are_shared_through_redis(app_config, redis_client):
    config = {**app_config, "RATELIMIT_ENABLED": True, "RATE_LIMIT_SCAN": "2 per minute",
              "RATELIMIT_STORAGE_URI": REDIS_URL}
    # Two app instances stand for two workers: they share one budget.
    first, second = create_app(config).test_client(), create_app(config).test_client()
    address = {"REMOTE_ADDR": f"10.{uuid.uuid4().int % 250}.0.1"}
    codes = [c.get(f"/o/{tokens.new_token()}", environ_base=address).status_code
             for c in (first, second, first, second)]
    assert codes == [404, 404, 429, 429]
