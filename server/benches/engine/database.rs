//! A throw-away PostgreSQL database on a server the bench is pointed at
//! (`--postgres=URL` or `DOORSTEP_TEST_POSTGRES_URL`): the push runs on one,
//! and the PostgreSQL baseline keeps its table in one.

/// A fresh PostgreSQL database for one bench run, made through an admin URL.
pub struct BenchDatabase {
    admin: String,
    name: String,
    pub url: String,
}

impl BenchDatabase {
    /// Creates `doorstep_bench_<pid>_<purpose>`.
    pub async fn create(admin: &str, purpose: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let name = format!("doorstep_bench_{}_{purpose}", std::process::id());
        let pool = sqlx::AnyPool::connect(admin).await?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&pool).await?;
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await?;
        pool.close().await;
        let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
        Ok(Self { admin: admin.to_string(), url: format!("{base}/{name}"), name })
    }

    pub async fn drop(self) -> anyhow::Result<()> {
        let pool = sqlx::AnyPool::connect(&self.admin).await?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&pool).await?;
        pool.close().await;
        Ok(())
    }
}
