CREATE TABLE "livekit_call_budget" (
	"window_start" timestamp with time zone PRIMARY KEY NOT NULL,
	"reserved" integer NOT NULL
);
