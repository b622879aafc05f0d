CREATE TABLE "store_probes" (
	"instance" text PRIMARY KEY NOT NULL,
	"written_at" timestamp with time zone NOT NULL
);
