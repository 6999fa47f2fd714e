export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every workspace of the instance, by id (instance admins only) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: number;
                                id: string;
                                name: string;
                                ownerId?: string;
                                /** @enum {string} */
                                plan: "free" | "pro" | "enterprise";
                            }[];
                            /** @description Pass as `cursor` to get the next page */
                            nextCursor?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/workspaces/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a workspace's plan (instance admins only); its request and execution limits follow at once */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        plan: "free" | "pro" | "enterprise";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            id: string;
                            name: string;
                            ownerId?: string;
                            /** @enum {string} */
                            plan: "free" | "pro" | "enterprise";
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the registered node types with their config JSON Schemas */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                category: string | null;
                                /** @description JSON Schema of the node's config */
                                configSchema: {
                                    [key: string]: unknown;
                                };
                                description: string;
                                type: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the registered node types with their config JSON Schemas */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                category: string | null;
                                /** @description JSON Schema of the node's config */
                                configSchema: {
                                    [key: string]: unknown;
                                };
                                description: string;
                                type: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's cost today, this month, and per workflow this month (USD) */
        get: {
            parameters: {
                query?: {
                    /** @description Where today and this month start: the offset from UTC in minutes (default 0) */
                    utcOffsetMinutes?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            currency: "USD";
                            dayStart: number;
                            monthStart: number;
                            monthUsd: number;
                            todayUsd: number;
                            workflows: {
                                monthExecutions: number;
                                monthUsd: number;
                                todayUsd: number;
                                workflowId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Executions per bucket (by creation time): outcomes, p50/p95 duration, cost; totals with the success rate */
        get: {
            parameters: {
                query?: {
                    /** @description Bucket of the time series (default: 1m for 1h, 15m for 24h, 1h for 7d, 6h for 30d) */
                    bucket?: "1m" | "5m" | "15m" | "1h" | "6h" | "1d";
                    /** @description The last hour, day, 7 or 30 days */
                    window?: "1h" | "24h" | "7d" | "30d";
                    workflowId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bucketMs: number;
                            buckets: {
                                /** @description Still queued, running or paused */
                                active: number;
                                cancelled: number;
                                costUsd: number;
                                failed: number;
                                p50DurationMs: number | null;
                                p95DurationMs: number | null;
                                /** @description Start of the bucket (ms since the epoch) */
                                start: number;
                                succeeded: number;
                                total: number;
                            }[];
                            from: number;
                            to: number;
                            totals: {
                                /** @description Still queued, running or paused */
                                active: number;
                                cancelled: number;
                                costUsd: number;
                                failed: number;
                                p50DurationMs: number | null;
                                p95DurationMs: number | null;
                                succeeded: number;
                                /** @description succeeded / (succeeded + failed + cancelled); null when none finished */
                                successRate: number | null;
                                total: number;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per node error rate and usage; per provider, model and workflow: calls, errors, tokens, cost (executions created in the window) */
        get: {
            parameters: {
                query?: {
                    /** @description Bucket of the time series (default: 1m for 1h, 15m for 24h, 1h for 7d, 6h for 30d) */
                    bucket?: "1m" | "5m" | "15m" | "1h" | "6h" | "1d";
                    /** @description The last hour, day, 7 or 30 days */
                    window?: "1h" | "24h" | "7d" | "30d";
                    workflowId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agents: {
                                agentId: string;
                                costUsd: number;
                                /** @description failed / steps */
                                errorRate: number;
                                failed: number;
                                inputTokens: number;
                                outputTokens: number;
                                steps: number;
                                workflowId: string;
                            }[];
                            from: number;
                            models: {
                                calls: number;
                                costUsd: number;
                                errors: number;
                                inputTokens: number;
                                model: string;
                                outputTokens: number;
                                provider: string;
                                workflowId: string;
                            }[];
                            to: number;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's API keys (never the keys themselves) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: number;
                                expiresAt?: number;
                                id: string;
                                lastUsedAt?: number;
                                name: string;
                                /** @description First characters of the key, for recognising it */
                                prefix: string;
                                revokedAt?: number;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "viewer";
                                userId: string;
                                workspaceId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API key; the response is the only time the key is shown */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description ms since the epoch; never when absent */
                        expiresAt?: number;
                        name: string;
                        /**
                         * @description At most the caller's role (default: the caller's)
                         * @enum {string}
                         */
                        role?: "owner" | "admin" | "member" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey: {
                                createdAt: number;
                                expiresAt?: number;
                                id: string;
                                lastUsedAt?: number;
                                name: string;
                                /** @description First characters of the key, for recognising it */
                                prefix: string;
                                revokedAt?: number;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "viewer";
                                userId: string;
                                workspaceId: string;
                            };
                            key: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (takes effect at once) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            expiresAt?: number;
                            id: string;
                            lastUsedAt?: number;
                            name: string;
                            /** @description First characters of the key, for recognising it */
                            prefix: string;
                            revokedAt?: number;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            userId: string;
                            workspaceId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Approvals inbox: every node waiting for a person across the workspace, longest waiting first (answer with POST /executions/{id}/approve) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    workflowId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agentId: string;
                                /** @description tool_call: answer with `{approved: boolean, reason?: string}` */
                                call?: {
                                    args: unknown;
                                    idempotencyKey: string;
                                    tool: string;
                                    toolCallId?: string;
                                };
                                executionCreatedAt: number;
                                executionId: string;
                                /** @enum {string} */
                                kind: "human" | "tool_call";
                                nodeName?: string;
                                prompt?: string;
                                /** @description A human node's JSON Schema of its payload: generate the approval form from it */
                                schema?: {
                                    [key: string]: unknown;
                                };
                                stepId: string;
                                /** @description When the node started waiting (ms) */
                                waitingSince: number;
                                workflowId: string;
                                workflowName?: string;
                                workflowVersion: number;
                            }[];
                            /** @description Pass as `cursor` to get the next page */
                            nextCursor?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's audit log, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Exact, or a prefix ending in "." */
                    action?: string;
                    actorId?: string;
                    cursor?: string;
                    limit?: number;
                    /** @description Milliseconds since the epoch, or an ISO 8601 date */
                    since?: string;
                    targetId?: string;
                    targetType?: string;
                    /** @description Milliseconds since the epoch, or an ISO 8601 date */
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actorId?: string;
                                actorType?: string;
                                at: number;
                                details?: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                /** @description Client IP of the request the action came from */
                                ip?: string;
                                targetId?: string;
                                targetType?: string;
                                /** @description Its User-Agent header (at most 512 characters) */
                                userAgent?: string;
                                workspaceId?: string;
                            }[];
                            /** @description Pass as `cursor` to get the next page */
                            nextCursor?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password (repeated failures are rate-limited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                        workspaceId?: string;
                    };
                };
            };
            responses: {
                /** @description Signed in: the access, refresh and CSRF cookies are set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessTokenExpiresAt: number;
                            /** @description Echo it in the X-CSRF-Token header of state-changing requests */
                            csrfToken: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            user: {
                                avatarUrl?: string;
                                createdAt: number;
                                email: string;
                                id: string;
                                name?: string;
                            };
                            workspace: {
                                createdAt: number;
                                id: string;
                                name: string;
                                ownerId?: string;
                                plan: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session and clear its cookies */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the signed-in user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sessions: number;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller: user, current workspace, role and permissions, other workspaces */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKeyId?: string;
                            /** @enum {string} */
                            kind: "user" | "apiKey";
                            permissions: string[];
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            user: {
                                avatarUrl?: string;
                                createdAt: number;
                                email: string;
                                id: string;
                                name?: string;
                            };
                            workspace: {
                                createdAt: number;
                                id: string;
                                name: string;
                                ownerId?: string;
                                plan: string;
                            };
                            workspaces: {
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "viewer";
                                workspace: {
                                    createdAt: number;
                                    id: string;
                                    name: string;
                                    ownerId?: string;
                                    plan: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange the refresh token (cookie) for new tokens; a reused token ends the session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken?: string;
                    };
                };
            };
            responses: {
                /** @description Signed in: the access, refresh and CSRF cookies are set */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessTokenExpiresAt: number;
                            /** @description Echo it in the X-CSRF-Token header of state-changing requests */
                            csrfToken: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            user: {
                                avatarUrl?: string;
                                createdAt: number;
                                email: string;
                                id: string;
                                name?: string;
                            };
                            workspace: {
                                createdAt: number;
                                id: string;
                                name: string;
                                ownerId?: string;
                                plan: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account and its personal workspace, and sign in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        name?: string;
                        password: string;
                        workspaceName?: string;
                    };
                };
            };
            responses: {
                /** @description Signed in: the access, refresh and CSRF cookies are set */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessTokenExpiresAt: number;
                            /** @description Echo it in the X-CSRF-Token header of state-changing requests */
                            csrfToken: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            user: {
                                avatarUrl?: string;
                                createdAt: number;
                                email: string;
                                id: string;
                                name?: string;
                            };
                            workspace: {
                                createdAt: number;
                                id: string;
                                name: string;
                                ownerId?: string;
                                plan: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/switch-workspace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Continue the session in another workspace of the caller (new access cookie) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        workspaceId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessTokenExpiresAt: number;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            workspace: {
                                createdAt: number;
                                id: string;
                                name: string;
                                ownerId?: string;
                                plan: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's budget and its workflows' with what they spent today and this month (UTC) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                budget: {
                                    dailyUsd: number | null;
                                    executionUsd: number | null;
                                    monthlyUsd: number | null;
                                    /** @enum {string} */
                                    onExceed: "pause" | "fail";
                                    workflowId?: string;
                                } | null;
                                day: {
                                    calls: number;
                                    limitUsd: number | null;
                                    /** @description Reserved by model calls in flight (their maximum cost) */
                                    reservedUsd: number;
                                    spentUsd: number;
                                    /** @description Start of the UTC period, ms since the epoch */
                                    start: number;
                                };
                                month: {
                                    calls: number;
                                    limitUsd: number | null;
                                    /** @description Reserved by model calls in flight (their maximum cost) */
                                    reservedUsd: number;
                                    spentUsd: number;
                                    /** @description Start of the UTC period, ms since the epoch */
                                    start: number;
                                };
                                workflowId?: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets/workspace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the workspace's budget (admins; audited); every limit null removes it */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description USD per UTC day (null: no daily limit; left out: kept) */
                        dailyUsd?: number | null;
                        /** @description USD per execution, loop bodies and subworkflows included */
                        executionUsd?: number | null;
                        /** @description USD per UTC month (null: no monthly limit; left out: kept) */
                        monthlyUsd?: number | null;
                        /**
                         * @description What a refused model call does to its execution (default fail)
                         * @enum {string}
                         */
                        onExceed?: "pause" | "fail";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            budget: {
                                dailyUsd: number | null;
                                executionUsd: number | null;
                                monthlyUsd: number | null;
                                /** @enum {string} */
                                onExceed: "pause" | "fail";
                                workflowId?: string;
                            } | null;
                            day: {
                                calls: number;
                                limitUsd: number | null;
                                /** @description Reserved by model calls in flight (their maximum cost) */
                                reservedUsd: number;
                                spentUsd: number;
                                /** @description Start of the UTC period, ms since the epoch */
                                start: number;
                            };
                            month: {
                                calls: number;
                                limitUsd: number | null;
                                /** @description Reserved by model calls in flight (their maximum cost) */
                                reservedUsd: number;
                                spentUsd: number;
                                /** @description Start of the UTC period, ms since the epoch */
                                start: number;
                            };
                            workflowId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's credentials: names and types, never values */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description Base URLs a provider key is sent to; absent: the provider's configured endpoint */
                                baseURLs?: string[];
                                createdAt: number;
                                createdBy?: string;
                                id: string;
                                /** @description Encryption key the value is sealed under */
                                keyId: string;
                                name: string;
                                type: string;
                                updatedAt: number;
                                workspaceId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Store a provider key or tool secret (encrypted; name it like the provider to use it as its key) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Provider keys: the only base URLs the key is sent to (origin + path). Default: the provider's configured endpoint */
                        baseURLs?: string[];
                        name: string;
                        type: string;
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Base URLs a provider key is sent to; absent: the provider's configured endpoint */
                            baseURLs?: string[];
                            createdAt: number;
                            createdBy?: string;
                            id: string;
                            /** @description Encryption key the value is sealed under */
                            keyId: string;
                            name: string;
                            type: string;
                            updatedAt: number;
                            workspaceId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a credential's value and/or the base URLs a provider key is sent to */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description New binding of a provider key; null: the provider's configured endpoint */
                        baseURLs?: string[] | null;
                        value?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Base URLs a provider key is sent to; absent: the provider's configured endpoint */
                            baseURLs?: string[];
                            createdAt: number;
                            createdBy?: string;
                            id: string;
                            /** @description Encryption key the value is sealed under */
                            keyId: string;
                            name: string;
                            type: string;
                            updatedAt: number;
                            workspaceId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a credential */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's dead-lettered executions not retried yet, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: number;
                                deliveries: number;
                                executionId: string;
                                id: string;
                                /** @description The last delivery's error */
                                reason: string;
                                retriedAt?: number;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dead-letters/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a dead-lettered execution back on the queue (audited); it resumes from its last committed step */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            deliveries: number;
                            executionId: string;
                            id: string;
                            /** @description The last delivery's error */
                            reason: string;
                            retriedAt?: number;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List executions, newest first (filtered by workflow, statuses, creation time), each with its cost and duration */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description Created at or after (ms since the epoch or ISO date) */
                    since?: string;
                    /** @description One status or several, comma separated (or the parameter repeated): any of them */
                    status?: string | string[];
                    /** @description Created before (ms since the epoch or ISO date) */
                    until?: string;
                    workflowId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                completedAt?: number;
                                createdAt: number;
                                /** @description completedAt - startedAt, for an execution that ended (absent while it runs) */
                                durationMs?: number;
                                error?: {
                                    code: string;
                                    issues?: {
                                        code: string;
                                        message: string;
                                        path: string;
                                    }[];
                                    message: string;
                                    retryable?: boolean;
                                    retryAfterMs?: number;
                                };
                                /** @description The execution this one re-runs or was forked from */
                                forkedFrom?: {
                                    executionId: string;
                                    /** @description The fork node; absent for a re-run */
                                    nodeId?: string;
                                };
                                id: string;
                                input: unknown;
                                output?: unknown;
                                parentExecutionId?: string;
                                ready: string[];
                                startedAt?: number;
                                /** @enum {string} */
                                status: "queued" | "running" | "paused" | "succeeded" | "failed" | "cancelled";
                                stepCount: number;
                                /** @description The trigger that started it (absent: a person or an API client did) */
                                trigger?: {
                                    id: string;
                                    /** @enum {string} */
                                    kind: "webhook" | "schedule" | "workflow_event";
                                    name?: string;
                                };
                                /** @description Totals of the execution's steps: `costUsd` is its cost (USD) */
                                usage: {
                                    costUsd: number;
                                    inputTokens: number;
                                    outputTokens: number;
                                };
                                /** @description Nodes waiting for a payload: human nodes, and tool calls waiting for approval (see /executions/{id}/approvals) */
                                waiting: string[];
                                workflowId: string;
                                workflowVersion: number;
                                workspaceId?: string;
                            }[];
                            /** @description Pass as `cursor` to get the next page */
                            nextCursor?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an execution with its steps, messages and logs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            execution: {
                                completedAt?: number;
                                createdAt: number;
                                /** @description completedAt - startedAt, for an execution that ended (absent while it runs) */
                                durationMs?: number;
                                error?: {
                                    code: string;
                                    issues?: {
                                        code: string;
                                        message: string;
                                        path: string;
                                    }[];
                                    message: string;
                                    retryable?: boolean;
                                    retryAfterMs?: number;
                                };
                                /** @description The execution this one re-runs or was forked from */
                                forkedFrom?: {
                                    executionId: string;
                                    /** @description The fork node; absent for a re-run */
                                    nodeId?: string;
                                };
                                id: string;
                                input: unknown;
                                output?: unknown;
                                parentExecutionId?: string;
                                ready: string[];
                                startedAt?: number;
                                /** @enum {string} */
                                status: "queued" | "running" | "paused" | "succeeded" | "failed" | "cancelled";
                                stepCount: number;
                                /** @description The trigger that started it (absent: a person or an API client did) */
                                trigger?: {
                                    id: string;
                                    /** @enum {string} */
                                    kind: "webhook" | "schedule" | "workflow_event";
                                    name?: string;
                                };
                                /** @description Totals of the execution's steps: `costUsd` is its cost (USD) */
                                usage: {
                                    costUsd: number;
                                    inputTokens: number;
                                    outputTokens: number;
                                };
                                /** @description Nodes waiting for a payload: human nodes, and tool calls waiting for approval (see /executions/{id}/approvals) */
                                waiting: string[];
                                /** @description The exact definition the execution runs */
                                workflow: {
                                    [key: string]: unknown;
                                };
                                workflowId: string;
                                workflowVersion: number;
                                workspaceId?: string;
                            };
                            /** @description The first 1,000 log lines; GET /executions/{id}/logs pages through all of them, with filters */
                            logs: {
                                /** @description The node that logged the line */
                                agentId?: string;
                                at: number;
                                /** @description The step's attempt (1 on the first) */
                                attempt?: number;
                                data?: {
                                    [key: string]: unknown;
                                };
                                executionId: string;
                                /** @enum {string} */
                                level: "debug" | "info" | "warn" | "error";
                                message: string;
                                stepId?: string;
                            }[];
                            messages: {
                                at: number;
                                connectionId: string;
                                executionId: string;
                                fromAgentId: string;
                                payload: unknown;
                                stepId: string;
                                toAgentId: string;
                            }[];
                            steps: {
                                agentId: string;
                                attempt: number;
                                attempts?: {
                                    attempt: number;
                                    durationMs: number;
                                    error?: {
                                        code: string;
                                        issues?: {
                                            code: string;
                                            message: string;
                                            path: string;
                                        }[];
                                        message: string;
                                        retryable?: boolean;
                                        retryAfterMs?: number;
                                    };
                                    startedAt: number;
                                }[];
                                completedAt: number;
                                error?: {
                                    code: string;
                                    issues?: {
                                        code: string;
                                        message: string;
                                        path: string;
                                    }[];
                                    message: string;
                                    retryable?: boolean;
                                    retryAfterMs?: number;
                                };
                                executionId: string;
                                fallbackUsed?: boolean;
                                id: string;
                                input?: unknown;
                                iteration: number;
                                modelCalls?: {
                                    costUsd?: number;
                                    error?: {
                                        code: string;
                                        issues?: {
                                            code: string;
                                            message: string;
                                            path: string;
                                        }[];
                                        message: string;
                                        retryable?: boolean;
                                        retryAfterMs?: number;
                                    };
                                    inputTokens?: number;
                                    latencyMs: number;
                                    model: string;
                                    outputTokens?: number;
                                    provider: string;
                                    /** @enum {string} */
                                    status: "ok" | "error";
                                }[];
                                output?: unknown;
                                /** @description A fork reused this step of the execution it was forked from (that step id): it did not run again */
                                reusedFrom?: string;
                                route?: string;
                                seq: number;
                                startedAt: number;
                                /** @enum {string} */
                                status: "succeeded" | "failed" | "skipped" | "waiting" | "resumed" | "cancelled";
                                usage?: {
                                    costUsd: number;
                                    inputTokens: number;
                                    outputTokens: number;
                                };
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a paused execution waits for: human nodes, and tool calls waiting for approval (the exact call) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agentId: string;
                                /** @description tool_call: the exact call, which runs once (with this idempotency key) if approved */
                                call?: {
                                    args: unknown;
                                    idempotencyKey: string;
                                    tool: string;
                                    toolCallId?: string;
                                };
                                /** @enum {string} */
                                kind: "human" | "tool_call";
                                prompt?: string;
                                /** @description The waiting step record */
                                stepId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a waiting human node its payload; 202 once it is validated and accepted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The waiting node: a human node, or a node whose tool call waits for approval */
                        agentId: string;
                        /** @description Checked before anything changes: against a human node's schema; `{approved: boolean, reason?: string}` for a tool call */
                        payload: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            executionId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an execution (running steps are aborted) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description False when it had already ended */
                            cancelled: boolean;
                            executionId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/fork": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fork an ended or paused execution at a node: reuse every step not downstream of it, run from it on (optionally with an edited input) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The node's input on its first activation, instead of what its upstream delivered */
                        input?: unknown;
                        /** @description Run again from this node; every step not downstream of it is reused */
                        nodeId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The new execution */
                            executionId: string;
                            forkedFrom: {
                                executionId: string;
                                nodeId?: string;
                            };
                            /** @description Steps taken over from the source execution (not run again) */
                            reusedSteps: number;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An execution's log lines in the order they were written, a page at a time, by level and node */
        get: {
            parameters: {
                query?: {
                    /** @description Only this node's lines */
                    agentId?: string;
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Only lines of this level and above */
                    level?: "debug" | "info" | "warn" | "error";
                    /** @description Only lines of these levels, comma-separated (e.g. `warn,error`) */
                    levels?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The node that logged the line */
                                agentId?: string;
                                at: number;
                                /** @description The step's attempt (1 on the first) */
                                attempt?: number;
                                data?: {
                                    [key: string]: unknown;
                                };
                                executionId: string;
                                /** @enum {string} */
                                level: "debug" | "info" | "warn" | "error";
                                message: string;
                                stepId?: string;
                            }[];
                            /** @description Pass as `cursor` to get the next page */
                            nextCursor?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The execution's completion notifications: target, status, attempts, last error */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                createdAt: number;
                                deliveredAt?: number;
                                event: string;
                                executionId: string;
                                /** @description Also the Idempotency-Key header of every attempt */
                                id: string;
                                lastError?: string;
                                maxAttempts: number;
                                nextAttemptAt: number;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed";
                                url: string;
                                workflowId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-run an ended or paused execution: a new execution, same input, same pinned version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The new execution */
                            executionId: string;
                            forkedFrom: {
                                executionId: string;
                                nodeId?: string;
                            };
                            /** @description Steps taken over from the source execution (not run again) */
                            reusedSteps: number;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Continue an interrupted or paused execution from its last committed step */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            executionId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending invitations of the current workspace */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: number;
                                /** @enum {string} */
                                delivery: "email" | "manual";
                                email: string;
                                expiresAt: number;
                                id: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "viewer";
                                /** @enum {string} */
                                status: "pending";
                                token?: string;
                                workspaceId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a pending invitation */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation: join its workspace with its role (signed in as the invited email's account) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            email: string;
                            name?: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            userId: string;
                            workspaceId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members of the current workspace */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: number;
                                email: string;
                                name?: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "viewer";
                                userId: string;
                                workspaceId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite someone by email with a role; they become a member once they accept
         * @description Always 202 with the same body, whether or not the email has an account (nothing is revealed). The invitee accepts with POST /invitations/accept, signed in with that email. Without mail delivery configured, the token is in the response and in GET /invitations, for admins to pass on.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "admin" | "member" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            /** @enum {string} */
                            delivery: "email" | "manual";
                            email: string;
                            expiresAt: number;
                            id: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            /** @enum {string} */
                            status: "pending";
                            token?: string;
                            workspaceId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a member's role */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "owner" | "admin" | "member" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            email: string;
                            name?: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            userId: string;
                            workspaceId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/members/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Leave the current workspace (its last owner cannot) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the model providers: configured or not, known models and their capabilities */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                capabilities: {
                                    functionCalling: boolean;
                                    /** @description Takes frequencyPenalty and presencePenalty */
                                    penalties: boolean;
                                    streaming: boolean;
                                    structuredOutput: boolean;
                                    vision: boolean;
                                };
                                configured: boolean;
                                kind: string;
                                models: {
                                    capabilities: {
                                        functionCalling: boolean;
                                        /** @description Takes frequencyPenalty and presencePenalty */
                                        penalties: boolean;
                                        streaming: boolean;
                                        structuredOutput: boolean;
                                        vision: boolean;
                                    };
                                    id: string;
                                    price?: {
                                        inputPerMTok: number;
                                        outputPerMTok: number;
                                    };
                                }[];
                                name: string;
                                problem?: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/ollama/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the models installed in Ollama */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                capabilities: {
                                    functionCalling: boolean;
                                    /** @description Takes frequencyPenalty and presencePenalty */
                                    penalties: boolean;
                                    streaming: boolean;
                                    structuredOutput: boolean;
                                    vision: boolean;
                                };
                                digest?: string;
                                family: string;
                                modified: string;
                                name: string;
                                parameterSize?: string;
                                quantization?: string;
                                size: number;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/ollama/models/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a model from Ollama (URL-encode `/` in the name) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/ollama/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Download a model into Ollama, streaming progress
         * @description Streams one JSON object per line (`application/x-ndjson`), or Server-Sent Events when the request accepts `text/event-stream`: `{status, digest?, total?, completed?, percent?}` while it runs, then `{status: "success"}` or `{status: "error", error: {code, message}}`. Errors before the first progress line are ordinary error responses.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description NDJSON (or SSE) progress stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": unknown;
                        "text/event-stream": unknown;
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                        "text/event-stream": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                        "text/event-stream": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                        "text/event-stream": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                        "text/event-stream": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                        "text/event-stream": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                        "text/event-stream": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                        "text/event-stream": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/ollama/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is the Ollama server reachable? */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseURL: string;
                            error?: string;
                            reachable: boolean;
                            version?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the workspace's templates and the public ones (search, filters, sort, cursor paging) */
        get: {
            parameters: {
                query?: {
                    category?: string;
                    cursor?: string;
                    kind?: "workflow" | "agent";
                    limit?: number;
                    /** @description Legacy: `true` = `visibility=public` */
                    public?: "true" | "false";
                    q?: string;
                    sort?: "popular" | "rating" | "new" | "name";
                    tag?: string;
                    visibility?: "workspace" | "public";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                author?: string;
                                /** @description Ships with AgentFlow (the gallery) */
                                builtin: boolean;
                                category?: string;
                                configSchema: {
                                    [key: string]: unknown;
                                };
                                createdAt: number;
                                createdBy?: string;
                                credentials: {
                                    description?: string;
                                    key: string;
                                    optional: boolean;
                                    /** @description Workspace credential type it must be (provider or tool type) */
                                    type: string;
                                }[];
                                defaultConfig?: {
                                    [key: string]: unknown;
                                };
                                description?: string;
                                /** @description Installs */
                                downloads: number;
                                icon?: string;
                                iconUrl?: string;
                                id: string;
                                isPublic: boolean;
                                /** @enum {string} */
                                kind: "workflow" | "agent";
                                myRating?: number;
                                name: string;
                                nodeType?: string;
                                /** @description Average stars (1-5); absent until rated */
                                rating?: number;
                                ratingCount: number;
                                sampleInput?: unknown;
                                /** @description Scripted-provider script: runs the template offline */
                                script?: {
                                    [key: string]: unknown;
                                };
                                tags: string[];
                                updatedAt: number;
                                version: number;
                                /** @enum {string} */
                                visibility: "workspace" | "public";
                                workflow?: {
                                    [key: string]: unknown;
                                };
                                workspaceId?: string;
                            }[];
                            /** @description Pass as `cursor` to get the next page */
                            nextCursor?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Publish a template */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        author?: string;
                        category?: string;
                        changelog?: string;
                        /** @description Agent templates: JSON Schema of the node config (workflow templates: none) */
                        configSchema?: {
                            [key: string]: unknown;
                        };
                        credentials?: {
                            description?: string;
                            key: string;
                            /** @default false */
                            optional?: boolean;
                            type: string;
                        }[];
                        defaultConfig?: {
                            [key: string]: unknown;
                        };
                        description?: string;
                        icon?: string;
                        /**
                         * Format: uri
                         * @description An http(s) URL (no credentials; at most 2048 characters)
                         */
                        iconUrl?: string;
                        /** @description Same as `visibility: public`: every workspace sees it; only instance admins (AGENTFLOW_INSTANCE_ADMINS) may */
                        isPublic?: boolean;
                        /** @enum {string} */
                        kind?: "workflow" | "agent";
                        name: string;
                        nodeType?: string;
                        sampleInput?: unknown;
                        script?: {
                            [key: string]: unknown;
                        };
                        tags?: string[];
                        /** @enum {string} */
                        visibility?: "workspace" | "public";
                        workflow?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            author?: string;
                            /** @description Ships with AgentFlow (the gallery) */
                            builtin: boolean;
                            category?: string;
                            configSchema: {
                                [key: string]: unknown;
                            };
                            createdAt: number;
                            createdBy?: string;
                            credentials: {
                                description?: string;
                                key: string;
                                optional: boolean;
                                /** @description Workspace credential type it must be (provider or tool type) */
                                type: string;
                            }[];
                            defaultConfig?: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            /** @description Installs */
                            downloads: number;
                            icon?: string;
                            iconUrl?: string;
                            id: string;
                            isPublic: boolean;
                            /** @enum {string} */
                            kind: "workflow" | "agent";
                            myRating?: number;
                            name: string;
                            nodeType?: string;
                            /** @description Average stars (1-5); absent until rated */
                            rating?: number;
                            ratingCount: number;
                            sampleInput?: unknown;
                            /** @description Scripted-provider script: runs the template offline */
                            script?: {
                                [key: string]: unknown;
                            };
                            tags: string[];
                            updatedAt: number;
                            version: number;
                            /** @enum {string} */
                            visibility: "workspace" | "public";
                            workflow?: {
                                [key: string]: unknown;
                            };
                            workspaceId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a template */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            author?: string;
                            /** @description Ships with AgentFlow (the gallery) */
                            builtin: boolean;
                            category?: string;
                            configSchema: {
                                [key: string]: unknown;
                            };
                            createdAt: number;
                            createdBy?: string;
                            credentials: {
                                description?: string;
                                key: string;
                                optional: boolean;
                                /** @description Workspace credential type it must be (provider or tool type) */
                                type: string;
                            }[];
                            defaultConfig?: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            /** @description Installs */
                            downloads: number;
                            icon?: string;
                            iconUrl?: string;
                            id: string;
                            isPublic: boolean;
                            /** @enum {string} */
                            kind: "workflow" | "agent";
                            myRating?: number;
                            name: string;
                            nodeType?: string;
                            /** @description Average stars (1-5); absent until rated */
                            rating?: number;
                            ratingCount: number;
                            sampleInput?: unknown;
                            /** @description Scripted-provider script: runs the template offline */
                            script?: {
                                [key: string]: unknown;
                            };
                            tags: string[];
                            updatedAt: number;
                            version: number;
                            /** @enum {string} */
                            visibility: "workspace" | "public";
                            workflow?: {
                                [key: string]: unknown;
                            };
                            workspaceId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        /** Publish a new version of a template (the publisher's workspace; public: an instance admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        author?: string;
                        category?: string;
                        changelog?: string;
                        /** @description Agent templates: JSON Schema of the node config (workflow templates: none) */
                        configSchema?: {
                            [key: string]: unknown;
                        };
                        credentials?: {
                            description?: string;
                            key: string;
                            /** @default false */
                            optional?: boolean;
                            type: string;
                        }[];
                        defaultConfig?: {
                            [key: string]: unknown;
                        };
                        description?: string;
                        icon?: string;
                        /**
                         * Format: uri
                         * @description An http(s) URL (no credentials; at most 2048 characters)
                         */
                        iconUrl?: string;
                        /** @description Same as `visibility: public`: every workspace sees it; only instance admins (AGENTFLOW_INSTANCE_ADMINS) may */
                        isPublic?: boolean;
                        /** @enum {string} */
                        kind?: "workflow" | "agent";
                        name: string;
                        nodeType?: string;
                        sampleInput?: unknown;
                        script?: {
                            [key: string]: unknown;
                        };
                        tags?: string[];
                        /** @enum {string} */
                        visibility?: "workspace" | "public";
                        workflow?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            author?: string;
                            /** @description Ships with AgentFlow (the gallery) */
                            builtin: boolean;
                            category?: string;
                            configSchema: {
                                [key: string]: unknown;
                            };
                            createdAt: number;
                            createdBy?: string;
                            credentials: {
                                description?: string;
                                key: string;
                                optional: boolean;
                                /** @description Workspace credential type it must be (provider or tool type) */
                                type: string;
                            }[];
                            defaultConfig?: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            /** @description Installs */
                            downloads: number;
                            icon?: string;
                            iconUrl?: string;
                            id: string;
                            isPublic: boolean;
                            /** @enum {string} */
                            kind: "workflow" | "agent";
                            myRating?: number;
                            name: string;
                            nodeType?: string;
                            /** @description Average stars (1-5); absent until rated */
                            rating?: number;
                            ratingCount: number;
                            sampleInput?: unknown;
                            /** @description Scripted-provider script: runs the template offline */
                            script?: {
                                [key: string]: unknown;
                            };
                            tags: string[];
                            updatedAt: number;
                            version: number;
                            /** @enum {string} */
                            visibility: "workspace" | "public";
                            workflow?: {
                                [key: string]: unknown;
                            };
                            workspaceId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Unpublish (delete) a template; workflows installed from it stay */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Install: create a workflow from a template (same as instantiate) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Merged over the template's default config */
                        config?: {
                            [key: string]: unknown;
                        };
                        /** @description Digest of the external targets (from install-preview or the AF_CONFIRMATION_REQUIRED error); required when the workflow reaches any model, tool or URL */
                        confirm?: string;
                        /** @description Requirement key -> name of a credential in the caller's workspace (of the requirement's type). Unmapped keys take the only credential of that type, if there is exactly one */
                        credentials?: {
                            [key: string]: string;
                        };
                        description?: string;
                        name?: string;
                        /** @description Agent templates: the node's type */
                        nodeType?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            createdBy?: string;
                            /** @description The current version (see the Workflow request schema) */
                            definition: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            updatedAt: number;
                            version: number;
                            workspaceId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/install-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a workflow created from the template would reach outside AgentFlow (to confirm) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Merged over the template's default config */
                        config?: {
                            [key: string]: unknown;
                        };
                        /** @description Requirement key -> name of a credential in the caller's workspace (of the requirement's type). Unmapped keys take the only credential of that type, if there is exactly one */
                        credentials?: {
                            [key: string]: string;
                        };
                        description?: string;
                        name?: string;
                        /** @description Agent templates: the node's type */
                        nodeType?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            credentials: {
                                /** @description The caller's credentials of that type (names) */
                                candidates: string[];
                                description?: string;
                                key: string;
                                /** @description The credential the install would use */
                                mapped?: string;
                                optional: boolean;
                                type: string;
                            }[];
                            /** @description Send it as `confirm` to instantiate */
                            digest: string;
                            targets: {
                                host?: string;
                                /** @enum {string} */
                                kind: "model" | "tool" | "url";
                                model?: string;
                                /** @description Where in the workflow definition */
                                path: string;
                                provider?: string;
                                tool?: string;
                                /** @description Absent on a model: the provider's configured endpoint */
                                url?: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/instantiate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a workflow from a template (409 AF_CONFIRMATION_REQUIRED until its targets are confirmed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Merged over the template's default config */
                        config?: {
                            [key: string]: unknown;
                        };
                        /** @description Digest of the external targets (from install-preview or the AF_CONFIRMATION_REQUIRED error); required when the workflow reaches any model, tool or URL */
                        confirm?: string;
                        /** @description Requirement key -> name of a credential in the caller's workspace (of the requirement's type). Unmapped keys take the only credential of that type, if there is exactly one */
                        credentials?: {
                            [key: string]: string;
                        };
                        description?: string;
                        name?: string;
                        /** @description Agent templates: the node's type */
                        nodeType?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            createdBy?: string;
                            /** @description The current version (see the Workflow request schema) */
                            definition: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            updatedAt: number;
                            version: number;
                            workspaceId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Rate a template 1-5 stars with an optional review (one per user: again replaces it) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        review?: string;
                        stars: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            myRating?: number;
                            rating?: number;
                            ratingCount: number;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove the caller's rating */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            myRating?: number;
                            rating?: number;
                            ratingCount: number;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A template's ratings and reviews, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: number;
                                /** @description The caller's own rating */
                                mine: boolean;
                                review?: string;
                                stars: number;
                                updatedAt: number;
                            }[];
                            /** @description Pass as `cursor` to get the next page */
                            nextCursor?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A template's version history, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                changelog?: string;
                                createdAt: number;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Categories of the templates the caller sees, with how many each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                category: string;
                                count: number;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tools an agent may call: the built-ins and the configured MCP servers' tools */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                description: string;
                                inputSchema: {
                                    [key: string]: unknown;
                                };
                                /** @description What an agent lists in `config.tools` */
                                name: string;
                                /** @description The MCP server's name (tools named `server__tool`) */
                                server?: string;
                                /** @description Changes something outside AgentFlow (approval policy) */
                                sideEffect: boolean;
                                /** @enum {string} */
                                source: "builtin" | "mcp";
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/triggers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One trigger */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: number;
                            enabled: boolean;
                            id: string;
                            /** @enum {string} */
                            kind: "webhook" | "schedule" | "workflow_event";
                            name: string;
                            /** @description Schedules: the next tick (ms) */
                            nextRunAt?: number;
                            /** @description Webhooks: POST here (relative to the server) */
                            path?: string;
                            updatedAt: number;
                            workflowId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a trigger */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename, enable or disable a trigger, or replace its config */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        config?: {
                            [key: string]: unknown;
                        };
                        enabled?: boolean;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: number;
                            enabled: boolean;
                            id: string;
                            /** @enum {string} */
                            kind: "webhook" | "schedule" | "workflow_event";
                            name: string;
                            /** @description Schedules: the next tick (ms) */
                            nextRunAt?: number;
                            /** @description Webhooks: POST here (relative to the server) */
                            path?: string;
                            updatedAt: number;
                            workflowId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/triggers/{id}/firings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the trigger started, skipped or was refused, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: number;
                                error?: string;
                                executionId: string;
                                kind: string;
                                scheduledFor?: number;
                                sourceExecutionId?: string;
                                startedAt?: number;
                                /** @enum {string} */
                                status: "pending" | "started" | "skipped" | "refused";
                                triggerId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/triggers/{id}/next-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A schedule's next ticks (ms), in its time zone's calendar */
        get: {
            parameters: {
                query?: {
                    count?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: number[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/triggers/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new secret or token for a webhook, shown this once; the old one stops working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description HMAC secret (webhooks with hmac), shown this once */
                            secret?: string;
                            /** @description Bearer token (webhooks with bearer), shown this once */
                            token?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the workspace's workflows, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "draft" | "active" | "archived";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: number;
                                createdBy?: string;
                                /** @description The current version (see the Workflow request schema) */
                                definition: {
                                    [key: string]: unknown;
                                };
                                description?: string;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                status: "draft" | "active" | "archived";
                                updatedAt: number;
                                version: number;
                                workspaceId?: string;
                            }[];
                            /** @description Pass as `cursor` to get the next page */
                            nextCursor?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a workflow (version 1) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description A workflow definition (agents and connections); validated in full before it is stored */
            requestBody: {
                content: {
                    "application/json": {
                        $schema?: string;
                        agents: {
                            /** @default {} */
                            config?: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            fallback?: unknown;
                            id: string;
                            name?: string;
                            position?: {
                                x: number;
                                y: number;
                            };
                            retry?: {
                                initialDelayMs?: number;
                                /** @enum {string} */
                                jitter?: "full" | "none";
                                maxAttempts?: number;
                                maxDelayMs?: number;
                                multiplier?: number;
                                retryOn?: string[];
                            };
                            timeoutMs?: number;
                            type: string;
                        }[];
                        /**
                         * @default {
                         *       "maxSteps": 1000,
                         *       "concurrency": 256
                         *     }
                         */
                        config?: {
                            /** @default 256 */
                            concurrency?: number;
                            /** @default 1000 */
                            maxSteps?: number;
                            notifications?: {
                                /**
                                 * @default [
                                 *       "succeeded",
                                 *       "failed",
                                 *       "cancelled"
                                 *     ]
                                 */
                                events?: ("succeeded" | "failed" | "cancelled")[];
                                /**
                                 * Format: uri
                                 * @description An http(s) URL (no credentials; at most 2048 characters)
                                 */
                                url: string;
                            }[];
                            retry?: {
                                initialDelayMs?: number;
                                /** @enum {string} */
                                jitter?: "full" | "none";
                                maxAttempts?: number;
                                maxDelayMs?: number;
                                multiplier?: number;
                                retryOn?: string[];
                            };
                            timeoutMs?: number;
                            toolApproval?: {
                                /** @enum {string} */
                                mode?: "side-effects" | "all" | "none";
                                tools?: {
                                    [key: string]: boolean;
                                };
                            };
                        };
                        /** @default [] */
                        connections?: {
                            condition?: string;
                            id: string;
                            /**
                             * @default success
                             * @enum {string}
                             */
                            on?: "success" | "error";
                            sourceAgentId: string;
                            sourceHandle?: string;
                            targetAgentId: string;
                        }[];
                        description?: string;
                        name: string;
                        /**
                         * @default draft
                         * @enum {string}
                         */
                        status?: "draft" | "active" | "archived";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            createdBy?: string;
                            /** @description The current version (see the Workflow request schema) */
                            definition: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            updatedAt: number;
                            version: number;
                            workspaceId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a workflow */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            createdBy?: string;
                            /** @description The current version (see the Workflow request schema) */
                            definition: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            updatedAt: number;
                            version: number;
                            workspaceId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        /** Replace the definition: stores it as the next version */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description A workflow definition (agents and connections); validated in full before it is stored */
            requestBody: {
                content: {
                    "application/json": {
                        $schema?: string;
                        agents: {
                            /** @default {} */
                            config?: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            fallback?: unknown;
                            id: string;
                            name?: string;
                            position?: {
                                x: number;
                                y: number;
                            };
                            retry?: {
                                initialDelayMs?: number;
                                /** @enum {string} */
                                jitter?: "full" | "none";
                                maxAttempts?: number;
                                maxDelayMs?: number;
                                multiplier?: number;
                                retryOn?: string[];
                            };
                            timeoutMs?: number;
                            type: string;
                        }[];
                        /**
                         * @default {
                         *       "maxSteps": 1000,
                         *       "concurrency": 256
                         *     }
                         */
                        config?: {
                            /** @default 256 */
                            concurrency?: number;
                            /** @default 1000 */
                            maxSteps?: number;
                            notifications?: {
                                /**
                                 * @default [
                                 *       "succeeded",
                                 *       "failed",
                                 *       "cancelled"
                                 *     ]
                                 */
                                events?: ("succeeded" | "failed" | "cancelled")[];
                                /**
                                 * Format: uri
                                 * @description An http(s) URL (no credentials; at most 2048 characters)
                                 */
                                url: string;
                            }[];
                            retry?: {
                                initialDelayMs?: number;
                                /** @enum {string} */
                                jitter?: "full" | "none";
                                maxAttempts?: number;
                                maxDelayMs?: number;
                                multiplier?: number;
                                retryOn?: string[];
                            };
                            timeoutMs?: number;
                            toolApproval?: {
                                /** @enum {string} */
                                mode?: "side-effects" | "all" | "none";
                                tools?: {
                                    [key: string]: boolean;
                                };
                            };
                        };
                        /** @default [] */
                        connections?: {
                            condition?: string;
                            id: string;
                            /**
                             * @default success
                             * @enum {string}
                             */
                            on?: "success" | "error";
                            sourceAgentId: string;
                            sourceHandle?: string;
                            targetAgentId: string;
                        }[];
                        description?: string;
                        name: string;
                        /**
                         * @default draft
                         * @enum {string}
                         */
                        status?: "draft" | "active" | "archived";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            createdBy?: string;
                            /** @description The current version (see the Workflow request schema) */
                            definition: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            updatedAt: number;
                            version: number;
                            workspaceId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a workflow and its versions (executions keep their snapshot) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/budget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A workflow's budget and what it spent today and this month (UTC) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            budget: {
                                dailyUsd: number | null;
                                executionUsd: number | null;
                                monthlyUsd: number | null;
                                /** @enum {string} */
                                onExceed: "pause" | "fail";
                                workflowId?: string;
                            } | null;
                            day: {
                                calls: number;
                                limitUsd: number | null;
                                /** @description Reserved by model calls in flight (their maximum cost) */
                                reservedUsd: number;
                                spentUsd: number;
                                /** @description Start of the UTC period, ms since the epoch */
                                start: number;
                            };
                            month: {
                                calls: number;
                                limitUsd: number | null;
                                /** @description Reserved by model calls in flight (their maximum cost) */
                                reservedUsd: number;
                                spentUsd: number;
                                /** @description Start of the UTC period, ms since the epoch */
                                start: number;
                            };
                            workflowId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        /** Set a workflow's budget (audited); every limit null removes it */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description USD per UTC day (null: no daily limit; left out: kept) */
                        dailyUsd?: number | null;
                        /** @description USD per execution, loop bodies and subworkflows included */
                        executionUsd?: number | null;
                        /** @description USD per UTC month (null: no monthly limit; left out: kept) */
                        monthlyUsd?: number | null;
                        /**
                         * @description What a refused model call does to its execution (default fail)
                         * @enum {string}
                         */
                        onExceed?: "pause" | "fail";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            budget: {
                                dailyUsd: number | null;
                                executionUsd: number | null;
                                monthlyUsd: number | null;
                                /** @enum {string} */
                                onExceed: "pause" | "fail";
                                workflowId?: string;
                            } | null;
                            day: {
                                calls: number;
                                limitUsd: number | null;
                                /** @description Reserved by model calls in flight (their maximum cost) */
                                reservedUsd: number;
                                spentUsd: number;
                                /** @description Start of the UTC period, ms since the epoch */
                                start: number;
                            };
                            month: {
                                calls: number;
                                limitUsd: number | null;
                                /** @description Reserved by model calls in flight (their maximum cost) */
                                reservedUsd: number;
                                spentUsd: number;
                                /** @description Start of the UTC period, ms since the epoch */
                                start: number;
                            };
                            workflowId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start an execution; answers 202 once it is recorded (follow it over the WebSocket) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The execution input (checked against the input node's schema) */
                        input: unknown;
                        /** @description Run this version (default: current) */
                        version?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            executionId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/notification-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new secret signing the workflow's completion notifications (X-AgentFlow-Signature); shown only in this response, it replaces the previous one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description whsec_...; store it now */
                            secret: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/triggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workflow's triggers (its entry points besides the API) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                config: {
                                    [key: string]: unknown;
                                };
                                createdAt: number;
                                enabled: boolean;
                                id: string;
                                /** @enum {string} */
                                kind: "webhook" | "schedule" | "workflow_event";
                                name: string;
                                /** @description Schedules: the next tick (ms) */
                                nextRunAt?: number;
                                /** @description Webhooks: POST here (relative to the server) */
                                path?: string;
                                updatedAt: number;
                                workflowId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a trigger (a webhook secret or token is in the answer, shown this once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        config?: {
                            /**
                             * @default {
                             *       "toleranceSec": 300
                             *     }
                             */
                            auth?: {
                                bearer?: boolean;
                                /** @enum {string} */
                                hmac?: "github" | "stripe";
                                /** @default 300 */
                                toleranceSec?: number;
                            };
                            /** @default 262144 */
                            maxBodyBytes?: number;
                            /**
                             * @default async
                             * @enum {string}
                             */
                            mode?: "async" | "sync";
                            /**
                             * @default {
                             *       "limit": 60,
                             *       "windowMs": 60000
                             *     }
                             */
                            rateLimit?: {
                                limit: number;
                                windowMs: number;
                            };
                            /** @default 30000 */
                            timeoutMs?: number;
                        };
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "webhook";
                        name: string;
                    } | {
                        config: {
                            cron: string;
                            input?: unknown;
                            /**
                             * @default run_once
                             * @enum {string}
                             */
                            missed?: "run_once" | "skip";
                            /**
                             * @default allow
                             * @enum {string}
                             */
                            overlap?: "allow" | "skip" | "queue";
                            /** @default UTC */
                            timezone?: string;
                        };
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "schedule";
                        name: string;
                    } | {
                        config: {
                            /**
                             * @default [
                             *       "succeeded"
                             *     ]
                             */
                            on?: ("succeeded" | "failed")[];
                            sourceWorkflowId: string;
                        };
                        enabled?: boolean;
                        /** @enum {string} */
                        kind: "workflow_event";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description HMAC secret (webhooks with hmac), shown this once */
                            secret?: string;
                            /** @description Bearer token (webhooks with bearer), shown this once */
                            token?: string;
                            trigger: {
                                config: {
                                    [key: string]: unknown;
                                };
                                createdAt: number;
                                enabled: boolean;
                                id: string;
                                /** @enum {string} */
                                kind: "webhook" | "schedule" | "workflow_event";
                                name: string;
                                /** @description Schedules: the next tick (ms) */
                                nextRunAt?: number;
                                /** @description Webhooks: POST here (relative to the server) */
                                path?: string;
                                updatedAt: number;
                                workflowId: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the versions of a workflow, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: number;
                                createdBy?: string;
                                definition: {
                                    [key: string]: unknown;
                                };
                                version: number;
                                workflowId: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one version of a workflow */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            createdBy?: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            version: number;
                            workflowId: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/versions/{version}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make an old version current again, as a new version */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            createdBy?: string;
                            /** @description The current version (see the Workflow request schema) */
                            definition: {
                                [key: string]: unknown;
                            };
                            description?: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "active" | "archived";
                            updatedAt: number;
                            version: number;
                            workspaceId?: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Validate a definition without storing it; lists every problem with its path */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            issues?: {
                                code: string;
                                message: string;
                                path: string;
                            }[];
                            ok: boolean;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspace/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current workspace's settings (the default model of agents that name none) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The workspace's default model for agents that name no provider and model (null: none) */
                            defaultModel: {
                                model: string;
                                provider: string;
                            } | null;
                            /** @description What such agents run on: the workspace's default, else the instance's (AGENTFLOW_DEFAULT_*) */
                            effectiveDefaultModel: {
                                model: string;
                                provider: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        /** Change the current workspace's settings; a field left out is kept, null clears it (admins) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        defaultModel?: {
                            model: string;
                            provider: string;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The workspace's default model for agents that name no provider and model (null: none) */
                            defaultModel: {
                                model: string;
                                provider: string;
                            } | null;
                            /** @description What such agents run on: the workspace's default, else the instance's (AGENTFLOW_DEFAULT_*) */
                            effectiveDefaultModel: {
                                model: string;
                                provider: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workspaces the caller belongs to, with its role in each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                role: "owner" | "admin" | "member" | "viewer";
                                workspace: {
                                    createdAt: number;
                                    id: string;
                                    name: string;
                                    ownerId?: string;
                                    plan: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a workspace owned by the caller (switch to it with /auth/switch-workspace) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            id: string;
                            name: string;
                            ownerId?: string;
                            plan: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/executions/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start the webhook trigger's workflow with {body, headers, query} (JSON body) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error?: {
                                [key: string]: unknown;
                            };
                            executionId: string;
                            output?: unknown;
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            executionId: string;
                            status: string;
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Every error has this shape; issues list each bad field with its path. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable AF_ error code */
                                code: string;
                                /** @description AF_CONFIRMATION_REQUIRED only: `{ digest, targets }` to review and confirm */
                                details?: {
                                    [key: string]: unknown;
                                };
                                issues?: {
                                    code: string;
                                    message: string;
                                    path: string;
                                }[];
                                message: string;
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mcp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the store answers and every migration is applied (503 otherwise) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                migrations: {
                                    applied: number;
                                    expected: number;
                                    ok: boolean;
                                };
                                store: {
                                    error?: string;
                                    ok: boolean;
                                };
                            };
                            ready: boolean;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                migrations: {
                                    applied: number;
                                    expected: number;
                                    ok: boolean;
                                };
                                store: {
                                    error?: string;
                                    ok: boolean;
                                };
                            };
                            ready: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/templates/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
